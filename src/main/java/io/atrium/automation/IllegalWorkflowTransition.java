package io.atrium.automation;

import io.atrium.shared.Conflict;

/**
 * A lifecycle change the workflow's current state does not allow (409), e.g. pausing a draft.
 */
class IllegalWorkflowTransition extends Conflict {

	IllegalWorkflowTransition(WorkflowStatus current, String action) {
		super("illegal-workflow-transition", "cannot " + action + " a workflow that is " + current.code());
	}
}
