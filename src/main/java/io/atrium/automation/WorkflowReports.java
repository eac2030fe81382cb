package io.atrium.automation;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only reports on a workflow for modules that present them (the dashboard): run counts per step and
 * outcome, A/B variants, and a dry run. The values serialise to the same JSON as
 * {@code GET /api/automation/workflows/{id}/performance} and {@code POST …/dry-run}.
 */
@Service
public class WorkflowReports {

	private final WorkflowManagement management;

	private final WorkflowInsights insights;

	WorkflowReports(WorkflowManagement management, WorkflowInsights insights) {
		this.management = management;
		this.insights = insights;
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
