package io.atrium.automation;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A workflow as the API shows it: its current version's definition in the brief's shape plus its lifecycle.
 */
public record WorkflowResponse(UUID id, String name, String status, int version, JsonNode trigger, JsonNode steps,
		JsonNode settings, Instant createdAt, Instant updatedAt) {

	static WorkflowResponse of(Workflows.Row row) {
		return new WorkflowResponse(row.id(), row.name(), row.status().code(), row.version(),
				row.definition().get("trigger"), row.definition().get("steps"), row.definition().get("settings"),
				row.createdAt(), row.updatedAt());
	}
}
