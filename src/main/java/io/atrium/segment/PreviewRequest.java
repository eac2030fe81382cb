package io.atrium.segment;

import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/segments/preview}.
 *
 * @param rule a rule tree, checked as on save
 */
record PreviewRequest(JsonNode rule) {
}
