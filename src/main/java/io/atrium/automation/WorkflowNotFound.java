package io.atrium.automation;

import java.util.UUID;

import io.atrium.shared.NotFound;

/**
 * No workflow has the requested id (404).
 */
class WorkflowNotFound extends NotFound {

	WorkflowNotFound(UUID id) {
		super("workflow-not-found", "no workflow with id " + id);
	}
}
