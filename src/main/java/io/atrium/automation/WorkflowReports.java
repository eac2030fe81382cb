package io.atrium.automation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.CustomerId;
import io.atrium.shared.Cursor;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only reports on a workflow for modules that present them (the dashboard): run counts per step and
 * outcome, A/B variants, a dry run, the run log (runs, each run's step log), dead letters and one customer's
 * runs. The values serialise to the same JSON as
 * {@code GET /api/automation/workflows/{id}/performance} and {@code POST …/dry-run}.
 */
@Service
public class WorkflowReports {

	private final WorkflowManagement management;

	private final WorkflowInsights insights;

	private final WorkflowRuns runs;

	WorkflowReports(WorkflowManagement management, WorkflowInsights insights, WorkflowRuns runs) {
		this.management = management;
		this.insights = insights;
		this.runs = runs;
	}

	/** The most runs {@link #runsOf} returns. */
	public static final int MAX_RUNS = 100;

	/**
	 * One customer's run through one workflow version.
	 *
	 * @param runId the run
	 * @param workflowId its workflow
	 * @param workflowName the workflow's name now (people's text: escape it)
	 * @param version the workflow version the run entered
	 * @param state {@code pending}, {@code running}, {@code waiting}, {@code completed}, {@code exited} or
	 *        {@code failed}
	 * @param stepIndex the step the run is at (0-based); for a finished run, where it ended
	 * @param stepType that step's action type, or {@code null} when the run is past the last step
	 * @param steps how many steps the version has
	 * @param enteredAt when the customer entered
	 * @param finishedAt when the run ended, or {@code null} while it goes on
	 * @param reason why it exited or failed, or {@code null}
	 */
	public record CustomerRun(UUID runId, UUID workflowId, String workflowName, int version, String state,
			int stepIndex, String stepType, int steps, Instant enteredAt, Instant finishedAt, String reason) {
	}

	/**
	 * @param customer the profile, not {@code null}
	 * @param limit at most this many (1 to {@link #MAX_RUNS})
	 * @return the customer's runs in every workflow, latest entered first, never {@code null}
	 */
	@Transactional(readOnly = true)
	public List<CustomerRun> runsOf(CustomerId customer, int limit) {
		return runs.latestOf(customer.value(), Math.max(1, Math.min(limit, MAX_RUNS)));
	}

	/** @return run counts (entered, active, completed, exited, failed), per step and per variant */
	@Transactional(readOnly = true)
	public Object performance(UUID workflowId) {
		Workflows.Row workflow = management.get(workflowId);
		return insights.performance(workflow.id(), workflow.definition());
	}

	/** @return what each customer would go through on the current version; nothing is sent or stored */
	@Transactional(readOnly = true)
	public Object dryRun(UUID workflowId, List<UUID> customers) {
		return insights.dryRun(management.get(workflowId).definition(), customers);
	}

	/**
	 * A page of the workflow's runs, newest entry first.
	 * @param state a run state code ({@link RunLog#STATES}) to keep, or {@code null} for every state
	 * @param cursor the {@code next_cursor} of the previous page, or {@code null} for the first
	 * @param limit 1 to 500 (the API's page limits)
	 * @throws WorkflowNotFound when no workflow has this id
	 * @throws InvalidInput when the state is not a run state or the cursor was not issued by this list
	 */
	@Transactional(readOnly = true)
	public Page<RunLog.Run> runs(UUID workflowId, String state, String cursor, Integer limit) {
		management.get(workflowId);
		if (state != null && !RunLog.STATES.contains(state)) {
			throw InvalidInput.of("state", "must be one of " + RunLog.STATES);
		}
		int n = Limit.of(limit);
		Instant before = null;
		UUID beforeId = null;
		if (cursor != null && !cursor.isBlank()) {
			List<String> parts = Cursor.decode(cursor, 2);
			try {
				before = Instant.parse(parts.get(0));
				beforeId = UUID.fromString(parts.get(1));
			}
			catch (RuntimeException ex) {
				throw InvalidInput.of("cursor", "is not a cursor this list issued");
			}
		}
		List<RunLog.Run> rows = runs.page(workflowId, state, before, beforeId, n + 1);
		String next = null;
		if (rows.size() > n) {
			rows = rows.subList(0, n);
			RunLog.Run last = rows.get(n - 1);
			next = Cursor.encode(last.enteredAt().toString(), last.id().toString());
		}
		return new Page<>(rows, next);
	}

	/**
	 * @return the run of this workflow with its step log and side effects, or empty when the workflow has no such run
	 * @throws WorkflowNotFound when no workflow has this id
	 */
	@Transactional(readOnly = true)
	public Optional<RunLog.Detail> run(UUID workflowId, UUID runId) {
		management.get(workflowId);
		return runs.logRow(runId)
			.filter(run -> run.workflowId().equals(workflowId))
			.map(run -> new RunLog.Detail(run, runs.stepLog(runId), runs.sideEffects(runId)));
	}

	/** @return the workflow's most recent dead-lettered steps, newest first, at most {@code limit} */
	@Transactional(readOnly = true)
	public List<RunLog.DeadLetter> deadLetters(UUID workflowId, int limit) {
		return runs.deadLetters(workflowId, Math.max(1, Math.min(limit, 500)));
	}
}
