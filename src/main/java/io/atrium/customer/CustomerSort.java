package io.atrium.customer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.Cursor;

/**
 * The orders a customer list can be read in, each with the keyset that pages through it.
 */
enum CustomerSort {

	CREATED_AT("created_at", "c.created_at, c.id", "(c.created_at, c.id) > (:k1, :k2)"),
	CREATED_AT_DESC("-created_at", "c.created_at desc, c.id desc", "(c.created_at, c.id) < (:k1, :k2)"),
	EXTERNAL_ID("external_id", "c.external_id", "c.external_id > :k1"),
	LAST_NAME("last_name", "coalesce(lower(c.last_name), ''), c.id", "(coalesce(lower(c.last_name), ''), c.id) > (:k1, :k2)");

	private final String name;

	private final String orderBy;

	private final String after;

	CustomerSort(String name, String orderBy, String after) {
		this.name = name;
		this.orderBy = orderBy;
		this.after = after;
	}

	static Optional<CustomerSort> of(String name) {
		if (name == null || name.isBlank()) {
			return Optional.of(CREATED_AT);
		}
		return Arrays.stream(values()).filter(sort -> sort.name.equals(name)).findFirst();
	}

	static List<String> names() {
		return Arrays.stream(values()).map(sort -> sort.name).toList();
	}

	String orderBy() {
		return orderBy;
	}

	String afterPredicate() {
		return after;
	}

	int cursorParts() {
		return this == EXTERNAL_ID ? 1 : 2;
	}

	String cursorOf(CustomerRow last, String lastNameKey) {
		return switch (this) {
			case CREATED_AT, CREATED_AT_DESC -> Cursor.encode(last.createdAt().toString(), last.id().toString());
			case EXTERNAL_ID -> Cursor.encode(last.externalId());
			case LAST_NAME -> Cursor.encode(lastNameKey, last.id().toString());
		};
	}

	/** @return the SQL parameters {@code k1}, {@code k2} for a decoded cursor */
	Map<String, Object> keysetParameters(List<String> values) {
		try {
			return switch (this) {
				case CREATED_AT, CREATED_AT_DESC -> Map.of("k1",
						OffsetDateTime.ofInstant(Instant.parse(values.get(0)), ZoneOffset.UTC), "k2",
						UUID.fromString(values.get(1)));
				case EXTERNAL_ID -> Map.of("k1", values.get(0));
				case LAST_NAME -> Map.of("k1", values.get(0), "k2", UUID.fromString(values.get(1)));
			};
		}
		catch (RuntimeException ex) {
			throw io.atrium.shared.InvalidInput.of("cursor", "is not a cursor this list issued");
		}
	}
}
