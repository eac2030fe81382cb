package io.atrium.automation;

import java.util.Locale;

/**
 * A workflow's lifecycle: draft → active → paused ⇄ active → archived. Each transition is guarded: an illegal one
 * is refused with {@link IllegalWorkflowTransition} naming the current state.
 */
enum WorkflowStatus {

	DRAFT, ACTIVE, PAUSED, ARCHIVED;

	String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static WorkflowStatus of(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

	WorkflowStatus start() {
		if (this != DRAFT && this != PAUSED) {
			throw new IllegalWorkflowTransition(this, "start");
		}
		return ACTIVE;
	}

	WorkflowStatus pause() {
		if (this != ACTIVE) {
			throw new IllegalWorkflowTransition(this, "pause");
		}
		return PAUSED;
	}

	WorkflowStatus archive() {
		if (this == ARCHIVED) {
			throw new IllegalWorkflowTransition(this, "archive");
		}
		return ARCHIVED;
	}

	WorkflowStatus edit() {
		if (this == ARCHIVED) {
			throw new IllegalWorkflowTransition(this, "edit");
		}
		return this;
	}
}
