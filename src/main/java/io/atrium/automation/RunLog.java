package io.atrium.automation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the run log of a workflow shows people: its runs, one run's step log and side effects, and its dead-lettered
 * steps. Values only; they are read through {@link WorkflowReports}. Codes (states, outcomes, action types) are the
 * automation module's own, for the reader to translate.
 */
public final class RunLog {

	private RunLog() {
	}

	/** The run states a run list can be filtered by, in lifecycle order. */
	public static final List<String> STATES = List.of("pending", "running", "waiting", "completed", "exited",
			"failed");

	/**
	 * One run in a workflow's run list.
	 * @param stepIndex the step the run is at (or ended at), 0-based
	 * @param finishedAt {@code null} while the run is not finished
	 * @param variant the A/B variant it took, or {@code null}
	 * @param reason why it exited or failed, or {@code null}
	 */
	public record Run(UUID id, UUID workflowId, int version, UUID customerId, String state, int stepIndex,
			String currentAction, Instant enteredAt, Instant finishedAt, Instant dueAt, String variant,
			String reason) {
	}

	/**
	 * One row of a run's step log: one execution (attempt) of one step.
	 * @param outcome the outcome text, e.g. {@code sent}, {@code refused: consent_missing}, {@code retry}
	 * @param error the error of a retry or failure, or {@code null}
	 */
	public record Step(int stepIndex, String actionType, String outcome, String error, int attempt, Instant startedAt,
			Instant finishedAt) {
	}

	/**
	 * An external side effect a step claimed under an idempotency key (a webhook call, a message).
	 * @param outcome how it settled, or {@code null} while it is in flight
	 */
	public record SideEffect(String idempotencyKey, int stepIndex, String outcome, Instant createdAt) {
	}

	/** A run with its step log (oldest first) and side effects. */
	public record Detail(Run run, List<Step> steps, List<SideEffect> sideEffects) {
	}

	/** A step that gave up after its retries and was set aside. */
	public record DeadLetter(UUID id, UUID runId, int stepIndex, String actionType, String error, int attempts,
			Instant createdAt) {
	}
}
