package io.atrium.scoring;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.InvalidProtocolBufferException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.protos.core.ModelProto;

import org.springframework.stereotype.Component;

/**
 * The model that gives predictive scores now, loaded once per version on each node. Its bytes are loaded
 * only when their HMAC verifies under {@link ModelKey}.
 */
@Component
class ActiveModel {

	private static final Logger log = LoggerFactory.getLogger(ActiveModel.class);

	private final Models models;

	private final ModelKey key;

	private final AtomicReference<TrainedModel> loaded = new AtomicReference<>();

	ActiveModel(Models models, ModelKey key) {
		this.models = models;
		this.key = key;
	}

	/** @return the active model, or empty when none is active */
	Optional<TrainedModel> current() {
		Optional<Integer> version = models.activeVersion();
		if (version.isEmpty()) {
			return Optional.empty();
		}
		TrainedModel held = loaded.get();
		if (held != null && held.version() == version.get()) {
			return Optional.of(held);
		}
		TrainedModel fresh = load(version.get());
		loaded.set(fresh);
		return Optional.of(fresh);
	}

	/**
	 * @throws ModelUntrusted when the bytes were not signed by Atrium
	 */
	TrainedModel load(int version) {
		Models.Stored stored = models.stored(version).orElseThrow(() -> new ModelNotFound(version));
		if (!key.verify(stored.bytes(), stored.mac())) {
			log.warn("Refused to load model version {}: its signature does not verify", version);
			throw new ModelUntrusted(version);
		}
		try {
			Model<?> model = Model.deserialize(ModelProto.parseFrom(stored.bytes()));
			@SuppressWarnings("unchecked")
			Model<Label> labels = (Model<Label>) model;
			return TrainedModel.of(version, stored.row().algorithm(), models.traits(stored.row()), labels);
		}
		catch (InvalidProtocolBufferException | RuntimeException ex) {
			throw new IllegalStateException("Model version " + version + " could not be read", ex);
		}
	}
}
