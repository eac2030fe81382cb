package io.atrium.journey;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * Which churn model scores: the rule-based model, unless a trained model that beat it on held-out customers has
 * been activated ({@link #activate}).
 */
@Component
class ChurnModels {

	private final AtomicReference<ChurnModel> trained = new AtomicReference<>();

	/** @return the model in force for this configuration */
	ChurnModel current(JourneyConfig config) {
		ChurnModel model = trained.get();
		return model != null ? model : new RuleBasedChurnModel(config.momentum().changeThreshold());
	}

	/** @param model a trained model, or {@code null} to fall back to the rule-based one */
	void activate(ChurnModel model) {
		trained.set(model);
	}
}
