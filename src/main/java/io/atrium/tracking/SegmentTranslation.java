package io.atrium.tracking;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atrium.shared.Problem.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Translates one message of the Segment HTTP Tracking API into what Atrium does with it:
 * <ul>
 * <li>{@code track}: a touchpoint whose type comes from the event name ({@link SegmentEventNames}); a name
 * that maps to nothing, a purchase without a positive {@code revenue}/{@code total}/{@code amount}, or a review
 * without a 1–5 {@code rating} is stored as {@code custom_event}, so nothing accepted is lost. The event name
 * is kept as {@code metadata.event}.</li>
 * <li>{@code page}: a {@code website_visit}; {@code screen}: an {@code app_session} (name and category kept in
 * metadata).</li>
 * <li>{@code group}: a {@code group} touchpoint with {@code metadata.group_id} and {@code metadata.traits}.</li>
 * <li>{@code identify} and {@code alias}: identity operations of the customer module.</li>
 * </ul>
 * Properties become the metadata; of the context only {@code page}, {@code campaign}, {@code library},
 * {@code app}, {@code locale}, {@code timezone} and {@code channel} are kept (never the IP address or user
 * agent). Typed columns are filled when the value has the right type and are otherwise left empty (the value
 * stays in the metadata). The event time is {@code timestamp}, else {@code originalTimestamp} corrected for
 * the device clock with {@code sentAt}, else the time of receipt.
 */
@Component
class SegmentTranslation {

	/** Message types Atrium understands. */
	static final Set<String> TYPES = Set.of("track", "page", "screen", "group", "identify", "alias");

	static final int MAX_ID_LENGTH = 200;

	private static final Set<String> KEPT_CONTEXT = Set.of("page", "campaign", "library", "app", "locale",
			"timezone", "channel");

	private static final DateTimeFormatter COMPACT_OFFSET = new DateTimeFormatterBuilder()
		.appendPattern("uuuu-MM-dd'T'HH:mm:ss")
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
		.optionalEnd()
		.appendOffset("+HHmm", "Z")
		.toFormatter();

	private final SegmentEventNames names;

	private final TouchpointValidation validation;

	private final JsonMapper json;

	SegmentTranslation(SegmentEventNames names, TouchpointValidation validation, JsonMapper json) {
		this.names = names;
		this.validation = validation;
		this.json = json;
	}

	enum Kind {

		TOUCHPOINT, IDENTIFY, ALIAS

	}

	/**
	 * One translated message. For {@code TOUCHPOINT} the draft carries {@code userId} as external id when
	 * there is one; otherwise the profile is found through {@code anonymousId}.
	 */
	record Translated(Kind kind, TouchpointDraft draft, String userId, String anonymousId,
			Map<String, Object> traits, String previousId, List<FieldError> errors) {

		boolean valid() {
			return errors.isEmpty();
		}

		static Translated rejected(List<FieldError> errors) {
			return new Translated(null, null, null, null, null, null, List.copyOf(errors));
		}
	}

	/**
	 * @param message one message
	 * @param type the type from the URL, or {@code null} to take the message's own {@code type} (batch items)
	 * @param batchSentAt the batch's {@code sentAt}, or {@code null}
	 */
	Translated translate(JsonNode message, String type, JsonNode batchSentAt) {
		List<FieldError> errors = new ArrayList<>();
		if (message == null || !message.isObject()) {
			return Translated.rejected(List.of(new FieldError("message", "must be a JSON object")));
		}
		if (type == null) {
			JsonNode own = TouchpointValidation.present(message.get("type"));
			type = own != null && own.isString() ? own.stringValue().strip().toLowerCase(java.util.Locale.ROOT) : null;
			if (type == null || !TYPES.contains(type)) {
				return Translated.rejected(List.of(new FieldError("type",
						"must be one of: track, page, screen, group, identify, alias")));
			}
		}
		String userId = id(message, "userId", errors);
		String anonymousId = id(message, "anonymousId", errors);
		if ("alias".equals(type)) {
			String previousId = id(message, "previousId", errors);
			if (previousId == null && errors.isEmpty()) {
				errors.add(new FieldError("previousId", "is required"));
			}
			if (userId == null && errors.isEmpty()) {
				errors.add(new FieldError("userId", "is required"));
			}
			return errors.isEmpty() ? new Translated(Kind.ALIAS, null, userId, anonymousId, null, previousId, List.of())
					: Translated.rejected(errors);
		}
		if (userId == null && anonymousId == null && errors.isEmpty()) {
			errors.add(new FieldError("userId", "userId or anonymousId is required"));
		}
		if ("identify".equals(type)) {
			JsonNode traits = object(message, "traits", errors);
			if (!errors.isEmpty()) {
				return Translated.rejected(errors);
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> traitMap = traits == null ? Map.of() : json.convertValue(traits, Map.class);
			return new Translated(Kind.IDENTIFY, null, userId, anonymousId, traitMap, null, List.of());
		}
		TouchpointDraft draft = touchpoint(message, type, userId, batchSentAt, errors);
		return errors.isEmpty() ? new Translated(Kind.TOUCHPOINT, draft, userId, anonymousId, null, null, List.of())
				: Translated.rejected(errors);
	}

	private TouchpointDraft touchpoint(JsonNode message, String type, String userId, JsonNode batchSentAt,
			List<FieldError> errors) {
		JsonNode properties = object(message, "properties", errors);
		JsonNode context = object(message, "context", errors);
		String messageId = id(message, "messageId", errors);
		Instant occurredAt = occurredAt(message, batchSentAt, errors);
		ObjectNode metadata = properties == null ? json.createObjectNode() : (ObjectNode) properties.deepCopy();
		JsonNode props = metadata;
		String touchpointType;
		switch (type) {
			case "track" -> {
				JsonNode event = TouchpointValidation.present(message.get("event"));
				if (event == null || !event.isString() || event.stringValue().isBlank()) {
					errors.add(new FieldError("event", "is required"));
					return null;
				}
				String name = event.stringValue().strip();
				if (name.length() > MAX_ID_LENGTH) {
					errors.add(new FieldError("event", "must be at most " + MAX_ID_LENGTH + " characters"));
					return null;
				}
				metadata.put("event", name);
				touchpointType = names.typeOf(name).orElse(TouchpointTypes.CUSTOM_EVENT);
			}
			case "page", "screen" -> {
				touchpointType = "page".equals(type) ? "website_visit" : "app_session";
				copyText(message, "name", metadata);
				copyText(message, "category", metadata);
			}
			default -> {
				String groupId = id(message, "groupId", errors);
				if (groupId == null) {
					errors.add(new FieldError("groupId", "is required"));
					return null;
				}
				JsonNode traits = object(message, "traits", errors);
				metadata.put("group_id", groupId);
				if (traits != null) {
					metadata.set("traits", traits);
				}
				touchpointType = TouchpointTypes.GROUP;
			}
		}
		List<FieldError> ignored = new ArrayList<>();
		BigDecimal amount = null;
		String currency = null;
		if (TouchpointTypes.PURCHASE.equals(touchpointType)) {
			amount = firstPositiveAmount(props, "revenue", "total", "amount");
			currency = TouchpointValidation.currency(props.get("currency"), "currency", ignored);
			if (amount == null) {
				touchpointType = TouchpointTypes.CUSTOM_EVENT;
			}
			else if (currency == null) {
				currency = TouchpointValidation.present(props.get("currency")) == null ? "CNY" : null;
			}
		}
		Integer rating = TouchpointValidation.metadataInteger(props, "rating", 1, 5, ignored);
		if (TouchpointTypes.REVIEW.equals(touchpointType) && rating == null) {
			touchpointType = TouchpointTypes.CUSTOM_EVENT;
		}
		String campaignId = TouchpointValidation.metadataText(props, "campaign_id", 100, ignored);
		if (campaignId == null && context != null) {
			campaignId = TouchpointValidation.metadataText(context.path("campaign"), "name", 100, ignored);
		}
		String storeId = TouchpointValidation.metadataText(props, "store", 100, ignored);
		if (storeId == null) {
			storeId = TouchpointValidation.metadataText(props, "store_id", 100, ignored);
		}
		String location = TouchpointValidation.metadataText(props, "location", 200, ignored);
		Integer duration = TouchpointValidation.metadataInteger(props, "duration_seconds", 0,
				TouchpointValidation.MAX_DURATION_SECONDS, ignored);
		if (context != null) {
			ObjectNode kept = json.createObjectNode();
			KEPT_CONTEXT.stream().sorted().forEach(key -> {
				JsonNode value = TouchpointValidation.present(context.get(key));
				if (value != null) {
					kept.set(key, value);
				}
			});
			if (!kept.isEmpty()) {
				metadata.set("context", kept);
			}
		}
		String metadataJson = validation.metadataJson(metadata, "properties", errors);
		if (!errors.isEmpty()) {
			return null;
		}
		return new TouchpointDraft(userId, null, touchpointType, channel(touchpointType, context), occurredAt,
				messageId, campaignId, storeId, location, amount, currency, rating, duration, metadataJson);
	}

	private static String channel(String type, JsonNode context) {
		if (!TouchpointTypes.INGESTION_ONLY.contains(type)) {
			return TouchpointTypes.defaultChannel(type);
		}
		if (context != null && context.has("page")) {
			return "web";
		}
		if (context != null && (context.has("app") || context.has("device") || context.has("os"))) {
			return "app";
		}
		return "other";
	}

	private Instant occurredAt(JsonNode message, JsonNode batchSentAt, List<FieldError> errors) {
		JsonNode timestamp = TouchpointValidation.present(message.get("timestamp"));
		if (timestamp != null) {
			Instant instant = parse(timestamp, "timestamp", errors);
			return instant == null ? null : validation.inWindow(instant, "timestamp", errors);
		}
		JsonNode original = TouchpointValidation.present(message.get("originalTimestamp"));
		if (original == null) {
			return validation.now();
		}
		Instant originalInstant = parse(original, "originalTimestamp", errors);
		if (originalInstant == null) {
			return null;
		}
		JsonNode sentAt = TouchpointValidation.present(message.get("sentAt"));
		sentAt = sentAt != null ? sentAt : TouchpointValidation.present(batchSentAt);
		Instant corrected = originalInstant;
		if (sentAt != null) {
			Instant sent = parse(sentAt, "sentAt", errors);
			if (sent == null) {
				return null;
			}
			corrected = validation.now().minus(Duration.between(originalInstant, sent));
		}
		return validation.inWindow(corrected, "originalTimestamp", errors);
	}

	/** Parses ISO-8601 date-times with {@code Z}, {@code +08:00} or {@code +0800} offsets. */
	static Instant parse(JsonNode value, String field, List<FieldError> errors) {
		if (value.isString()) {
			String text = value.stringValue().strip();
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException ex) {
				try {
					return OffsetDateTime.parse(text, COMPACT_OFFSET).toInstant();
				}
				catch (DateTimeParseException again) {
					// reported below
				}
			}
		}
		errors.add(new FieldError(field, "must be an ISO-8601 date-time with offset"));
		return null;
	}

	private BigDecimal firstPositiveAmount(JsonNode properties, String... keys) {
		for (String key : keys) {
			JsonNode value = TouchpointValidation.present(properties.get(key));
			if (value == null) {
				continue;
			}
			if (value.isString()) {
				try {
					value = json.getNodeFactory().numberNode(new BigDecimal(value.stringValue().strip()));
				}
				catch (NumberFormatException ex) {
					continue;
				}
			}
			List<FieldError> ignored = new ArrayList<>();
			BigDecimal amount = TouchpointValidation.amount(value, key, ignored);
			if (amount != null && amount.signum() > 0) {
				return amount;
			}
		}
		return null;
	}

	private static String id(JsonNode message, String field, List<FieldError> errors) {
		JsonNode value = TouchpointValidation.present(message.get(field));
		if (value == null) {
			return null;
		}
		String text = value.isString() ? value.stringValue().strip()
				: value.isIntegralNumber() ? value.asString() : null;
		if (text == null) {
			errors.add(new FieldError(field, "must be a string"));
			return null;
		}
		if (text.isEmpty()) {
			return null;
		}
		if (text.length() > MAX_ID_LENGTH || text.chars().anyMatch(Character::isISOControl)) {
			errors.add(new FieldError(field, "must be at most " + MAX_ID_LENGTH + " printable characters"));
			return null;
		}
		return text;
	}

	private static JsonNode object(JsonNode message, String field, List<FieldError> errors) {
		JsonNode value = TouchpointValidation.present(message.get(field));
		if (value == null) {
			return null;
		}
		if (!value.isObject()) {
			errors.add(new FieldError(field, "must be a JSON object"));
			return null;
		}
		return value;
	}

	private static void copyText(JsonNode message, String field, ObjectNode metadata) {
		JsonNode value = TouchpointValidation.present(message.get(field));
		if (value != null && value.isString() && !metadata.has(field)) {
			metadata.put(field, value.stringValue());
		}
	}
}
