package io.atrium.automation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.Cursor;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only reports on a workflow for modules that present them (the dashboard): run counts per step and
 * outcome, A/B variants, a dry run, the run log (runs, each run's step log) and dead letters. The values serialise to the same JSON as
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
