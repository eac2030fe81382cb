package io.atrium.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets a customer into a workflow, under the entry rules: the workflow is active; without {@code allow_reentry}
 * a customer enters at most once (with it, not while a run of theirs is still going); and the global frequency cap
 * of entries per customer per day. A new run starts pending at step 0 on the workflow's current version.
 */
@Service
class RunEntry {

	/** Why a customer did not enter, or that they did. */
	record Entered(UUID runId, String skipped) {
	}

	private final Workflows workflows;

	private final WorkflowRuns runs;

	private final StepScheduling scheduling;

	private final AutomationSettings settings;

	private final Clock clock;

	RunEntry(Workflows workflows, WorkflowRuns runs, StepScheduling scheduling, AutomationSettings settings,
			Clock clock) {
		this.workflows = workflows;
		this.runs = runs;
		this.scheduling = scheduling;
		this.settings = settings;
		this.clock = clock;
	}

	@Transactional
	Entered enter(Workflows.Row workflow, UUID customer) {
		if (workflow.status() != WorkflowStatus.ACTIVE) {
			throw new WorkflowNotActive(workflow.status());
		}
		runs.lockEntry(workflow.id(), customer);
		JsonNode settingsNode = workflow.definition().path("settings");
		boolean reentry = settingsNode.path("allow_reentry").asBoolean(false);
		if (!reentry && runs.hasEntered(workflow.id(), customer)) {
			return new Entered(null, "already_entered");
		}
		if (reentry && runs.isRunning(workflow.id(), customer)) {
			return new Entered(null, "already_running");
		}
		Instant now = clock.instant();
		if (runs.enteredSince(customer, now.minus(Duration.ofDays(1))) >= settings.maxEntriesPerDay()) {
			return new Entered(null, "frequency_cap");
		}
		UUID id = UUID.randomUUID();
		runs.insert(id, workflow.id(), workflow.version(), customer, now);
		scheduling.schedule(id, 0, null);
		return new Entered(id, null);
	}

	Optional<Workflows.Row> workflow(UUID id) {
		return workflows.find(id, false);
	}
}
