package io.atrium.segment;

import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/segments} and {@code PUT /api/segments/{id}}.
 *
 * @param name 1–200 characters
 * @param description optional, at most 2000 characters
 * @param type {@code dynamic} or {@code static} (fixed once created)
 * @param rule the rule tree of a dynamic segment; absent for a static one
 */
record SegmentRequest(String name, String description, String type, JsonNode rule) {
}
