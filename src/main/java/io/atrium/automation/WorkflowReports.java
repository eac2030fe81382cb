package io.atrium.automation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.atrium.shared.CustomerId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only reports on a workflow for modules that present them (the dashboard): run counts per step and
 * outcome, A/B variants, a dry run, and one customer's runs. The values serialise to the same JSON as
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
}
