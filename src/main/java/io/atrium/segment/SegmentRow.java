package io.atrium.segment;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A segment as stored in {@code segment}.
 *
 * @param rule the rule tree of a dynamic segment, {@code null} for a static one
 * @param size the size at the last full computation
 */
record SegmentRow(UUID id, String name, String description, String type, JsonNode rule, String status, int size,
		Instant lastComputedAt, String createdBy, Instant createdAt, Instant updatedAt) {

	static final String DYNAMIC = "dynamic";

	static final String STATIC = "static";

	static final String ACTIVE = "active";

	static final String ARCHIVED = "archived";

	boolean dynamic() {
		return DYNAMIC.equals(type);
	}

	boolean active() {
		return ACTIVE.equals(status);
	}
}
