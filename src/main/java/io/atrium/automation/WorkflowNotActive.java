package io.atrium.automation;

import io.atrium.shared.Conflict;

/**
 * Customers can only enter an active workflow (409).
 */
class WorkflowNotActive extends Conflict {

	WorkflowNotActive(WorkflowStatus current) {
		super("workflow-not-active", "customers cannot enter a workflow that is " + current.code());
	}
}
