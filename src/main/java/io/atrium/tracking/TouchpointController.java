package io.atrium.tracking;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.atrium.customer.IdentifyingCustomers;
import io.atrium.shared.CustomerId;
import io.atrium.shared.Cursor;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;
import io.atrium.shared.Problem.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The native tracking API: one touchpoint, a batch of touchpoints, and reading them back.
 */
@RestController
class TouchpointController {

	static final String SOURCE = "api";

	private final TouchpointValidation validation;

	private final TrackingTouchpoints tracking;

	private final Touchpoints touchpoints;

	private final IdentifyingCustomers customers;

	private final TrackingSettings settings;

	private final JsonMapper json;

	private final Clock clock;

	TouchpointController(TouchpointValidation validation, TrackingTouchpoints tracking, Touchpoints touchpoints,
			IdentifyingCustomers customers, TrackingSettings settings, JsonMapper json, Clock clock) {
		this.validation = validation;
		this.tracking = tracking;
		this.touchpoints = touchpoints;
		this.customers = customers;
		this.settings = settings;
		this.json = json;
		this.clock = clock;
	}

	/** The answer to one tracked touchpoint. */
	record Tracked(UUID touchpointId, String customerId, String touchpointType, String channel, Instant occurredAt,
			Instant receivedAt, boolean duplicate) {

		static Tracked of(TrackingTouchpoints.Stored stored) {
			return new Tracked(stored.touchpointId(), stored.externalId(), stored.type(), stored.channel(),
					stored.occurredAt(), stored.receivedAt(), stored.duplicate());
		}
	}

	/** The outcome of one item of a batch. */
	record ItemResult(int index, String status, UUID touchpointId, List<FieldError> errors) {
	}

	/** The answer to a batch: counts and one result per item, in order. */
	record BatchResult(int accepted, int duplicates, int rejected, List<ItemResult> results) {
	}

	/** A stored touchpoint as clients read it back. */
	record TouchpointView(UUID touchpointId, String customerId, String touchpointType, String channel,
			Instant occurredAt, Instant receivedAt, String source, String messageId, String campaignId,
			String storeId, String location, BigDecimal amount, String currency, Integer rating,
			Integer durationSeconds, JsonNode metadata) {
	}

	/**
	 * Records one touchpoint; 201 when stored, 200 when its {@code message_id} was stored before.
	 */
	@PostMapping("/api/journey/touchpoints/track")
	ResponseEntity<Tracked> track(@RequestBody JsonNode body) {
		TouchpointValidation.Checked checked = validation.check(body);
		if (!checked.valid()) {
			FieldError first = checked.errors().get(0);
			throw new InvalidInput(first.field() + ": " + first.message(), checked.errors());
		}
		TrackingTouchpoints.Stored stored = tracking.record(List.of(checked.draft()), SOURCE).get(0);
		return ResponseEntity.status(stored.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(Tracked.of(stored));
	}

	/**
	 * Records many touchpoints in one transaction: valid items are stored even when others are rejected.
	 */
	@PostMapping("/api/touchpoints/batch")
	BatchResult batch(@RequestBody JsonNode body) {
		JsonNode items = body == null ? null : body.get("touchpoints");
		if (items == null || !items.isArray()) {
			throw InvalidInput.of("touchpoints", "must be an array of touchpoints");
		}
		if (items.size() > settings.maxBatchSize()) {
			throw new BatchTooLarge(items.size(), settings.maxBatchSize());
		}
		if (items.isEmpty()) {
			throw InvalidInput.of("touchpoints", "must hold at least one touchpoint");
		}
		List<ItemResult> results = new ArrayList<>(items.size());
		List<TouchpointDraft> drafts = new ArrayList<>(items.size());
		List<Integer> draftIndex = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			TouchpointValidation.Checked checked = validation.check(items.get(i));
			if (checked.valid()) {
				drafts.add(checked.draft());
				draftIndex.add(i);
				results.add(null);
			}
			else {
				results.add(new ItemResult(i, "rejected", null, checked.errors()));
			}
		}
		List<TrackingTouchpoints.Stored> stored = tracking.record(drafts, SOURCE);
		int accepted = 0;
		int duplicates = 0;
		for (int k = 0; k < stored.size(); k++) {
			TrackingTouchpoints.Stored outcome = stored.get(k);
			int index = draftIndex.get(k);
			results.set(index, new ItemResult(index, outcome.duplicate() ? "duplicate" : "created",
					outcome.touchpointId(), null));
			if (outcome.duplicate()) {
				duplicates++;
			}
			else {
				accepted++;
			}
		}
		return new BatchResult(accepted, duplicates, items.size() - drafts.size(), results);
	}

	/**
	 * A customer's touchpoints, newest first, keyset-paginated.
	 * @param type only this touchpoint type
	 * @param from an ISO date (inclusive, mall time) or date-time with offset (inclusive)
	 * @param to an ISO date (inclusive, mall time) or date-time with offset (inclusive)
	 */
	@GetMapping("/api/customers/{customer_id}/touchpoints")
	Page<TouchpointView> customerTouchpoints(@PathVariable("customer_id") String customerId,
			@RequestParam(required = false) String type, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		int size = Limit.of(limit);
		if (type != null && !TouchpointTypes.known(type)) {
			throw InvalidInput.of("type", "must be one of: " + String.join(", ", TouchpointTypes.accepted()) + ", "
					+ TouchpointTypes.CUSTOM_EVENT + ", " + TouchpointTypes.GROUP);
		}
		Instant fromInstant = bound("from", from, false);
		Instant until = bound("to", to, true);
		if (fromInstant != null && until != null && !fromInstant.isBefore(until)) {
			throw InvalidInput.of("to", "must not be before from");
		}
		List<String> after = Cursor.decode(cursor, 2);
		Instant afterOccurred = null;
		UUID afterId = null;
		if (!after.isEmpty()) {
			try {
				afterOccurred = Instant.parse(after.get(0));
				afterId = UUID.fromString(after.get(1));
			}
			catch (RuntimeException ex) {
				throw InvalidInput.of("cursor", "is not a cursor this list issued");
			}
		}
		CustomerId id = customers.findByExternalId(customerId).orElseThrow(CustomerNotFound::new);
		List<Touchpoints.Row> rows = touchpoints.page(id, type, fromInstant, until, afterOccurred, afterId, size + 1);
		String next = null;
		if (rows.size() > size) {
			rows = rows.subList(0, size);
			Touchpoints.Row last = rows.get(size - 1);
			next = Cursor.encode(last.occurredAt().toString(), last.id().toString());
		}
		return new Page<>(rows.stream().map(row -> view(row, customerId)).toList(), next);
	}

	/** One touchpoint by id. */
	@GetMapping("/api/touchpoints/{touchpoint_id}")
	TouchpointView touchpoint(@PathVariable("touchpoint_id") String touchpointId) {
		UUID id;
		try {
			id = UUID.fromString(touchpointId);
		}
		catch (IllegalArgumentException ex) {
			throw new TouchpointNotFound(touchpointId);
		}
		Touchpoints.Row row = touchpoints.find(id).orElseThrow(() -> new TouchpointNotFound(touchpointId));
		String externalId = customers.externalIds(Set.of(row.customerId())).get(row.customerId());
		return view(row, externalId);
	}

	private TouchpointView view(Touchpoints.Row row, String externalId) {
		return new TouchpointView(row.id(), externalId, row.type(), row.channel(), row.occurredAt(), row.receivedAt(),
				row.source(), row.messageId(), row.campaignId(), row.storeId(), row.location(), row.amount(),
				row.currency(), row.rating(), row.durationSeconds(), json.readTree(row.metadataJson()));
	}

	private Instant bound(String field, String value, boolean upper) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			if (value.length() == 10) {
				LocalDate date = LocalDate.parse(value);
				return (upper ? date.plusDays(1) : date).atStartOfDay(clock.getZone()).toInstant();
			}
			Instant instant = OffsetDateTime.parse(value).toInstant();
			return upper ? instant.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS) : instant;
		}
		catch (DateTimeException ex) {
			throw InvalidInput.of(field, "must be an ISO date (2026-11-24) or date-time with offset");
		}
	}
}
