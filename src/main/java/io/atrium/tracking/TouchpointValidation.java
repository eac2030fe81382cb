package io.atrium.tracking;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.atrium.shared.Problem.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The rules a native touchpoint must meet before it is stored, checked field by field so that every problem
 * of an item is reported at once. Also the shared checks of times and metadata used by Segment ingestion.
 */
@Component
class TouchpointValidation {

	static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

	static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

	static final int MAX_DURATION_SECONDS = 7 * 24 * 3600;

	private static final Set<String> FIELDS = Set.of("customer_id", "touchpoint_type", "metadata", "occurred_at",
			"message_id", "channel");

	private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies()
		.stream()
		.map(Currency::getCurrencyCode)
		.collect(Collectors.toUnmodifiableSet());

	private final JsonMapper json;

	private final Clock clock;

	private final TrackingSettings settings;

	TouchpointValidation(JsonMapper json, Clock clock, TrackingSettings settings) {
		this.json = json;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * A checked item: exactly one of {@code draft} and {@code errors} is meaningful.
	 *
	 * @param draft the valid touchpoint, or {@code null}
	 * @param errors what is wrong, empty when valid
	 */
	record Checked(TouchpointDraft draft, List<FieldError> errors) {

		boolean valid() {
			return errors.isEmpty();
		}
	}

	/**
	 * @param item one touchpoint as sent to {@code /api/journey/touchpoints/track} or inside a batch
	 * @return the draft, or every field error found
	 */
	Checked check(JsonNode item) {
		List<FieldError> errors = new ArrayList<>();
		if (item == null || !item.isObject()) {
			return new Checked(null, List.of(new FieldError("touchpoint", "must be a JSON object")));
		}
		for (String name : item.propertyNames()) {
			if (!FIELDS.contains(name)) {
				errors.add(new FieldError(name, "is not a known field; known fields are " + String.join(", ",
						List.of("customer_id", "touchpoint_type", "metadata", "occurred_at", "message_id", "channel"))));
			}
		}
		String externalId = text(item, "customer_id", 128, true, errors);
		String type = text(item, "touchpoint_type", 64, true, errors);
		if (type != null && !TouchpointTypes.accepts(type)) {
			errors.add(new FieldError("touchpoint_type",
					"must be one of: " + String.join(", ", TouchpointTypes.accepted())));
			type = null;
		}
		String channel = text(item, "channel", 32, false, errors);
		if (channel != null && !TouchpointTypes.channel(channel)) {
			errors.add(new FieldError("channel", "must be one of: " + String.join(", ", TouchpointTypes.CHANNELS)));
		}
		Instant occurredAt = occurredAt(item.get("occurred_at"), "occurred_at", errors);
		String messageId = text(item, "message_id", 200, false, errors);
		JsonNode metadata = item.get("metadata");
		if (metadata == null || metadata.isNull()) {
			metadata = json.createObjectNode();
		}
		if (!metadata.isObject()) {
			errors.add(new FieldError("metadata", "must be a JSON object"));
			return new Checked(null, errors);
		}
		String metadataJson = metadataJson(metadata, "metadata", errors);
		String location = metadataText(metadata, "location", 200, errors);
		String campaignId = metadataText(metadata, "campaign_id", 100, errors);
		String storeId = metadataText(metadata, "store", 100, errors);
		if (storeId == null) {
			storeId = metadataText(metadata, "store_id", 100, errors);
		}
		metadataText(metadata, "text", 4000, errors);
		Integer duration = metadataInteger(metadata, "duration_seconds", 0, MAX_DURATION_SECONDS, errors);
		Integer rating = metadataInteger(metadata, "rating", 1, 5, errors);
		BigDecimal amount = amount(metadata.get("amount"), "metadata.amount", errors);
		String currency = currency(metadata.get("currency"), "metadata.currency", errors);
		if (TouchpointTypes.PURCHASE.equals(type) && amount == null && present(metadata.get("amount")) == null) {
			errors.add(new FieldError("metadata.amount", "is required for a purchase"));
		}
		if (amount != null && amount.signum() <= 0 && TouchpointTypes.PURCHASE.equals(type)) {
			errors.add(new FieldError("metadata.amount", "must be greater than 0"));
		}
		if (TouchpointTypes.REVIEW.equals(type) && rating == null && present(metadata.get("rating")) == null) {
			errors.add(new FieldError("metadata.rating", "is required for a review"));
		}
		if (amount != null && currency == null && present(metadata.get("currency")) == null) {
			currency = "CNY";
		}
		if (!errors.isEmpty()) {
			return new Checked(null, errors);
		}
		return new Checked(new TouchpointDraft(externalId, null, type,
				channel != null ? channel : TouchpointTypes.defaultChannel(type), occurredAt, messageId, campaignId,
				storeId, location, amount, currency, rating, duration, metadataJson), List.of());
	}

	/**
	 * @param value an ISO-8601 date-time with offset, or absent for "now"
	 * @return the instant, or {@code null} after adding an error
	 */
	Instant occurredAt(JsonNode value, String field, List<FieldError> errors) {
		Instant now = clock.instant();
		if (present(value) == null) {
			return now;
		}
		if (!value.isString()) {
			errors.add(new FieldError(field, "must be an ISO-8601 date-time with offset, e.g. 2026-11-24T10:00:00+08:00"));
			return null;
		}
		Instant instant;
		try {
			instant = OffsetDateTime.parse(value.stringValue()).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(field, "must be an ISO-8601 date-time with offset, e.g. 2026-11-24T10:00:00+08:00"));
			return null;
		}
		if (instant.isBefore(EARLIEST)) {
			errors.add(new FieldError(field, "must not be before 2000-01-01"));
			return null;
		}
		if (instant.isAfter(now.plus(FUTURE_TOLERANCE))) {
			errors.add(new FieldError(field, "must not be more than 1 day in the future"));
			return null;
		}
		return instant;
	}

	/**
	 * Checks the shape of a metadata object (nesting depth, characters PostgreSQL cannot store, serialised
	 * size) and serialises it.
	 * @return the JSON text, or {@code null} after adding an error
	 */
	String metadataJson(JsonNode metadata, String field, List<FieldError> errors) {
		int depth = settings.maxMetadataDepth();
		String problem = shape(metadata, 1, depth);
		if (problem != null) {
			errors.add(new FieldError(field, problem));
			return null;
		}
		String text = json.writeValueAsString(metadata);
		long max = settings.maxMetadataSize().toBytes();
		if (text.length() > max / 3 && text.getBytes(StandardCharsets.UTF_8).length > max) {
			errors.add(new FieldError(field, "must not exceed " + max + " bytes"));
			return null;
		}
		return text;
	}

	private static String shape(JsonNode node, int level, int maxDepth) {
		if (node.isContainer()) {
			if (level > maxDepth) {
				return "must not nest objects or arrays deeper than " + maxDepth + " levels";
			}
			if (node.isObject()) {
				for (Map.Entry<String, JsonNode> entry : node.properties()) {
					if (entry.getKey().indexOf('\u0000') >= 0) {
						return "must not contain the NUL character";
					}
					String problem = shape(entry.getValue(), level + 1, maxDepth);
					if (problem != null) {
						return problem;
					}
				}
			}
			else {
				for (JsonNode element : node) {
					String problem = shape(element, level + 1, maxDepth);
					if (problem != null) {
						return problem;
					}
				}
			}
		}
		else if (node.isString() && node.stringValue().indexOf('\u0000') >= 0) {
			return "must not contain the NUL character";
		}
		return null;
	}

	/**
	 * @return the amount with at most 2 decimals between 0 and the largest storable amount, {@code null} when
	 * absent or after adding an error
	 */
	static BigDecimal amount(JsonNode value, String field, List<FieldError> errors) {
		if (present(value) == null) {
			return null;
		}
		BigDecimal amount = decimal(value);
		if (amount == null) {
			errors.add(new FieldError(field, "must be a number"));
			return null;
		}
		if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
			errors.add(new FieldError(field, "must be between 0 and " + MAX_AMOUNT.toPlainString()));
			return null;
		}
		if (amount.stripTrailingZeros().scale() > 2) {
			errors.add(new FieldError(field, "must have at most 2 decimal places"));
			return null;
		}
		return amount.setScale(2);
	}

	/** @return the upper-case ISO 4217 code, {@code null} when absent or after adding an error */
	static String currency(JsonNode value, String field, List<FieldError> errors) {
		if (present(value) == null) {
			return null;
		}
		String code = value.isString() ? value.stringValue().strip().toUpperCase(Locale.ROOT) : "";
		if (!code.matches("[A-Z]{3}") || !CURRENCIES.contains(code)) {
			errors.add(new FieldError(field, "must be an ISO 4217 currency code such as CNY"));
			return null;
		}
		return code;
	}

	/** @return the number as a decimal, or {@code null} when it is not a JSON number */
	static BigDecimal decimal(JsonNode value) {
		if (value == null || !value.isNumber()) {
			return null;
		}
		if (value.isBigDecimal()) {
			return value.decimalValue();
		}
		if (value.isFloatingPointNumber()) {
			double d = value.doubleValue();
			return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
		}
		if (value.isBigInteger()) {
			return new BigDecimal(value.bigIntegerValue());
		}
		return BigDecimal.valueOf(value.longValue());
	}

	static JsonNode present(JsonNode value) {
		return value == null || value.isNull() || value.isMissingNode() ? null : value;
	}

	private static String text(JsonNode item, String field, int maxLength, boolean required, List<FieldError> errors) {
		JsonNode value = present(item.get(field));
		if (value == null) {
			if (required) {
				errors.add(new FieldError(field, "is required"));
			}
			return null;
		}
		if (!value.isString()) {
			errors.add(new FieldError(field, "must be a string"));
			return null;
		}
		String text = value.stringValue().strip();
		if (text.isEmpty()) {
			errors.add(new FieldError(field, "must not be blank"));
			return null;
		}
		if (text.length() > maxLength) {
			errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
			return null;
		}
		if (text.chars().anyMatch(Character::isISOControl)) {
			errors.add(new FieldError(field, "must not contain control characters"));
			return null;
		}
		return text;
	}

	private static String metadataText(JsonNode metadata, String key, int maxLength, List<FieldError> errors) {
		JsonNode value = present(metadata.get(key));
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			errors.add(new FieldError("metadata." + key, "must be a string"));
			return null;
		}
		String text = value.stringValue().strip();
		if (text.length() > maxLength) {
			errors.add(new FieldError("metadata." + key, "must be at most " + maxLength + " characters"));
			return null;
		}
		return text.isEmpty() ? null : text;
	}

	private static Integer metadataInteger(JsonNode metadata, String key, int min, int max, List<FieldError> errors) {
		JsonNode value = present(metadata.get(key));
		if (value == null) {
			return null;
		}
		BigDecimal number = decimal(value);
		if (number == null || number.stripTrailingZeros().scale() > 0) {
			errors.add(new FieldError("metadata." + key, "must be a whole number"));
			return null;
		}
		if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
			errors.add(new FieldError("metadata." + key, "must be between " + min + " and " + max));
			return null;
		}
		return number.intValueExact();
	}
}
