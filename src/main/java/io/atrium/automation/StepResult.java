package io.atrium.automation;

import java.time.Instant;

/**
 * What one step execution decided, interpreted by {@link RunExecution}.
 *
 * @param kind what happens next
 * @param outcome the step log's outcome text, e.g. {@code sent}, {@code refused: consent_missing}
 * @param nextStep the step to go to ({@link Kind#NEXT}, {@link Kind#WAIT})
 * @param at when ({@link Kind#WAIT}, {@link Kind#RETRY}, {@link Kind#DEFER}), or {@code null} for "by backoff"
 * @param error the error, for retries and failures
 * @param event the touchpoint type awaited ({@link Kind#AWAIT_EVENT}), otherwise {@code null}
 */
record StepResult(Kind kind, String outcome, int nextStep, Instant at, String error, String event) {

	enum Kind {
		NEXT, WAIT, AWAIT_EVENT, DEFER, RETRY, FAIL, EXIT
	}

	StepResult(Kind kind, String outcome, int nextStep, Instant at, String error) {
		this(kind, outcome, nextStep, at, error, null);
	}

	/** Waits at the current step for a touchpoint of {@code type}, until {@code timeout}. */
	static StepResult awaitEvent(String type, Instant timeout) {
		return new StepResult(Kind.AWAIT_EVENT, "waiting_for: " + type, -1, timeout, null, type);
	}

	static StepResult next(int step, String outcome) {
		return new StepResult(Kind.NEXT, outcome, step, null, null);
	}

	static StepResult waitUntil(int step, Instant at) {
		return new StepResult(Kind.WAIT, "waiting", step, at, null);
	}

	static StepResult defer(Instant at, String reason) {
		return new StepResult(Kind.DEFER, "deferred: " + reason, -1, at, null);
	}

	static StepResult retry(String error, Instant at) {
		return new StepResult(Kind.RETRY, "retry", -1, at, error);
	}

	static StepResult fail(String error) {
		return new StepResult(Kind.FAIL, "failed", -1, null, error);
	}

	static StepResult exit(String reason) {
		return new StepResult(Kind.EXIT, "exited: " + reason, -1, null, null);
	}
}
