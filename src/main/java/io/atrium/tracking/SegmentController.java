package io.atrium.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.atrium.access.WriteKeys;
import io.atrium.platform.Problems;
import io.atrium.shared.Problem.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Segment HTTP Tracking API compatible ingestion, so that off-the-shelf Segment (and RudderStack) SDKs can
 * send to Atrium unchanged: {@code POST /v1/track|identify|page|screen|group|alias|batch|import}, with or
 * without a trailing slash, any content type, optionally gzip-encoded.
 * <p>
 * The write key comes as the HTTP Basic user name (checked by the security layer) or as {@code writeKey} in
 * the body; without a valid one the answer is 401. Accepted requests get {@code 200 {"success": true}}, also
 * when a {@code messageId} was seen before (it is acknowledged and not stored twice). A single message that
 * breaks the spec gets 400 with the fields named; in a batch, broken messages are skipped (and counted in the
 * log) while the others are stored, because a Segment client does not retry a 400 and would otherwise lose
 * the whole batch.
 */
@RestController
class SegmentController {

	private static final Logger log = LoggerFactory.getLogger(SegmentController.class);

	private static final String WRITE_KEY_AUTHORITY = "ROLE_WRITE_KEY";

	private static final Set<String> BATCH_TYPES = Set.of("batch", "import");

	private static final Map<String, Boolean> SUCCESS = Map.of("success", true);

	private final SegmentTranslation translation;

	private final SegmentIngestion ingestion;

	private final WriteKeys writeKeys;

	private final TrackingSettings settings;

	private final Problems problems;

	private final JsonMapper json;

	SegmentController(SegmentTranslation translation, SegmentIngestion ingestion, WriteKeys writeKeys,
			TrackingSettings settings, Problems problems, JsonMapper json) {
		this.translation = translation;
		this.ingestion = ingestion;
		this.writeKeys = writeKeys;
		this.settings = settings;
		this.problems = problems;
		this.json = json;
	}

	@PostMapping({ "/v1/track", "/v1/track/" })
	ResponseEntity<?> track(@RequestBody(required = false) byte[] body) {
		return ingest("track", body);
	}

	@PostMapping({ "/v1/identify", "/v1/identify/" })
	ResponseEntity<?> identify(@RequestBody(required = false) byte[] body) {
		return ingest("identify", body);
	}

	@PostMapping({ "/v1/page", "/v1/page/" })
	ResponseEntity<?> page(@RequestBody(required = false) byte[] body) {
		return ingest("page", body);
	}

	@PostMapping({ "/v1/screen", "/v1/screen/" })
	ResponseEntity<?> screen(@RequestBody(required = false) byte[] body) {
		return ingest("screen", body);
	}

	@PostMapping({ "/v1/group", "/v1/group/" })
	ResponseEntity<?> group(@RequestBody(required = false) byte[] body) {
		return ingest("group", body);
	}

	@PostMapping({ "/v1/alias", "/v1/alias/" })
	ResponseEntity<?> alias(@RequestBody(required = false) byte[] body) {
		return ingest("alias", body);
	}

	@PostMapping({ "/v1/batch", "/v1/batch/" })
	ResponseEntity<?> batch(@RequestBody(required = false) byte[] body) {
		return ingest("batch", body);
	}

	@PostMapping({ "/v1/import", "/v1/import/" })
	ResponseEntity<?> importBatch(@RequestBody(required = false) byte[] body) {
		return ingest("import", body);
	}

	private ResponseEntity<?> ingest(String type, byte[] body) {
		boolean batch = BATCH_TYPES.contains(type);
		JsonNode message = parse(body);
		Optional<String> keyName = writeKeyName(message);
		if (keyName.isEmpty()) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"atrium\"")
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problems.of(401, "unauthorized", "A valid write key is required: send it as the HTTP Basic "
						+ "user name or as writeKey in the body", List.of()));
		}
		if (message == null || !message.isObject()) {
			return problem(400, "malformed-request", "The request body is not a JSON object", List.of());
		}
		String source = "segment:" + keyName.get();
		if (!batch) {
			SegmentTranslation.Translated translated = translation.translate(message, type, null);
			if (!translated.valid()) {
				FieldError first = translated.errors().get(0);
				return problem(400, "malformed-request", first.field() + ": " + first.message(), translated.errors());
			}
			ingestion.ingest(List.of(translated), source);
			return ResponseEntity.ok(SUCCESS);
		}
		JsonNode items = message.get("batch");
		if (items == null || !items.isArray()) {
			return problem(400, "malformed-request", "batch: must be an array of messages",
					List.of(new FieldError("batch", "must be an array of messages")));
		}
		if (items.size() > settings.maxBatchSize()) {
			throw new BatchTooLarge(items.size(), settings.maxBatchSize());
		}
		List<SegmentTranslation.Translated> valid = new ArrayList<>(items.size());
		int rejected = 0;
		for (JsonNode item : items) {
			SegmentTranslation.Translated translated = translation.translate(item, null, message.get("sentAt"));
			if (translated.valid()) {
				valid.add(translated);
			}
			else {
				rejected++;
				if (log.isDebugEnabled()) {
					log.debug("Skipped a Segment message from {}: {}", source, translated.errors());
				}
			}
		}
		SegmentIngestion.Outcome outcome = ingestion.ingest(valid, source);
		if (rejected > 0) {
			log.info("Segment batch from {}: {} stored, {} duplicates, {} identities, {} skipped as malformed", source,
					outcome.stored(), outcome.duplicates(), outcome.identities(), rejected);
		}
		return ResponseEntity.ok(SUCCESS);
	}

	private JsonNode parse(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try {
			return json.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private Optional<String> writeKeyName(JsonNode message) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated() && authentication.getAuthorities()
			.stream()
			.anyMatch(authority -> WRITE_KEY_AUTHORITY.equals(authority.getAuthority()))) {
			String name = authentication.getName();
			return Optional.of(name.startsWith("write-key:") ? name.substring("write-key:".length()) : name);
		}
		JsonNode key = message == null || !message.isObject() ? null : message.get("writeKey");
		if (key == null || !key.isString()) {
			return Optional.empty();
		}
		return writeKeys.verify(key.stringValue());
	}

	private ResponseEntity<?> problem(int status, String slug, String detail, List<FieldError> errors) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problems.of(status, slug, detail, errors));
	}
}
