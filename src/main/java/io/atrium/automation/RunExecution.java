package io.atrium.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Executes one step of one run: loads the run's own workflow version, runs the step's executor, logs the execution
 * and moves the run on, scheduling the next step in the same transaction. Stale task instances (the run moved on or
 * finished) do nothing. Transient failures retry with exponential backoff and jitter; permanent ones, and transient
 * ones past the attempt limit, fail the run into the dead-letter list; a workflow whose recent failure rate passes
 * the threshold is paused and {@link WorkflowPausedForFailures} published.
 */
@Service
@EnableConfigurationProperties(AutomationSettings.class)
class RunExecution {

	private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

	private final WorkflowRuns runs;

	private final Workflows workflows;

	private final StepActions actions;

	private final StepScheduling scheduling;

	private final TransactionTemplate tx;

	private final ApplicationEventPublisher events;

	private final AutomationSettings settings;

	private final Clock clock;

	RunExecution(WorkflowRuns runs, Workflows workflows, StepActions actions, StepScheduling scheduling,
			TransactionTemplate tx, ApplicationEventPublisher events, AutomationSettings settings, Clock clock) {
		this.runs = runs;
		this.workflows = workflows;
		this.actions = actions;
		this.scheduling = scheduling;
		this.tx = tx;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Re-schedules every waiting run whose due time the application clock has reached.
	 * @return how many were scheduled
	 */
	int runDueSteps() {
		var due = runs.dueWaiting(clock.instant(), 10_000);
		tx.executeWithoutResult(status -> due.forEach(run -> scheduling.schedule(run.id(), run.stepIndex(), null)));
		return due.size();
	}

	void execute(UUID runId, int step) {
		WorkflowRuns.Run run = runs.find(runId).orElse(null);
		if (run == null || run.state().finished() || run.stepIndex() != step) {
			return;
		}
		Instant started = clock.instant();
		if (run.state() == RunState.WAITING && run.dueAt() != null && run.dueAt().isAfter(started)) {
			scheduling.schedule(runId, step, run.dueAt());
			return;
		}
		JsonNode steps = workflows.definition(run.workflowId(), run.version()).get("steps");
		if (step >= steps.size()) {
			tx.executeWithoutResult(status -> runs.move(runId, step, RunState.COMPLETED, step, null, null, started));
			return;
		}
		JsonNode definition = steps.get(step);
		String actionType = definition.get("action_type").asString();
		JsonNode config = definition.has("config") && definition.get("config").isObject() ? definition.get("config")
				: JsonNodeFactory.instance.objectNode();
		int attempt = runs.attempts(runId, step) + 1;
		StepResult result;
		try {
			result = actions.execute(new StepContext(run, step, steps.size(), actionType, config, attempt));
		}
		catch (RuntimeException ex) {
			log.warn("Step {} of run {} ({}) threw {}", step, runId, actionType, ex.getClass().getSimpleName());
			result = StepResult.retry(ex.getClass().getSimpleName(), null);
		}
		StepResult decided = result;
		tx.executeWithoutResult(status -> apply(run, step, actionType, config, attempt, started, decided));
	}

	private void apply(WorkflowRuns.Run run, int step, String actionType, JsonNode config, int attempt,
			Instant started, StepResult result) {
		Instant now = clock.instant();
		StepResult effective = result;
		if (result.kind() == StepResult.Kind.RETRY && attempt >= settings.maxAttempts()) {
			effective = StepResult.fail("gave up after " + attempt + " attempts: " + result.error());
		}
		boolean moved;
		switch (effective.kind()) {
			case NEXT:
				if (effective.nextStep() >= totalSteps(run)) {
					moved = runs.move(run.id(), step, RunState.COMPLETED, effective.nextStep(), null, null, now);
				}
				else {
					moved = runs.move(run.id(), step, RunState.RUNNING, effective.nextStep(), null, null, now);
					if (moved) {
						scheduling.schedule(run.id(), effective.nextStep(), null);
					}
				}
				break;
			case WAIT:
				moved = runs.move(run.id(), step, RunState.WAITING, effective.nextStep(), effective.at(), null, now);
				if (moved) {
					scheduling.schedule(run.id(), effective.nextStep(), effective.at());
				}
				break;
			case AWAIT_EVENT:
				moved = runs.waitForEvent(run.id(), step, effective.event(), effective.at(), now);
				if (moved) {
					scheduling.schedule(run.id(), step, effective.at());
				}
				break;
			case DEFER:
				moved = runs.move(run.id(), step, RunState.WAITING, step, effective.at(), null, now);
				if (moved) {
					scheduling.schedule(run.id(), step, effective.at());
				}
				break;
			case RETRY:
				Instant at = effective.at() != null ? effective.at() : now.plus(backoff(attempt));
				moved = runs.move(run.id(), step, RunState.WAITING, step, at, "retrying: " + effective.error(), now);
				if (moved) {
					scheduling.schedule(run.id(), step, at);
				}
				break;
			case EXIT:
				moved = runs.move(run.id(), step, RunState.EXITED, step, null, effective.outcome(), now);
				break;
			default:
				moved = runs.move(run.id(), step, RunState.FAILED, step, null, effective.error(), now);
				if (moved) {
					runs.deadLetter(run.workflowId(), run.id(), step, actionType, effective.error(), attempt, now);
					pauseWhenFailing(run.workflowId(), now);
				}
		}
		if (moved) {
			runs.log(run.id(), step, actionType, config.toString(), effective.outcome(), effective.error(), attempt,
					started, now);
		}
	}

	private int totalSteps(WorkflowRuns.Run run) {
		return workflows.definition(run.workflowId(), run.version()).get("steps").size();
	}

	private Duration backoff(int attempt) {
		long base = settings.retryBase().toMillis() << Math.min(attempt - 1, 16);
		long jittered = (long) (base * (0.5 + ThreadLocalRandom.current().nextDouble()));
		return Duration.ofMillis(Math.max(1, jittered));
	}

	private void pauseWhenFailing(UUID workflowId, Instant now) {
		int[] window = runs.failureWindow(workflowId, settings.failureWindow());
		if (window[0] < Math.min(settings.failureWindow(), 5)
				|| (double) window[1] / window[0] <= settings.failureThreshold()) {
			return;
		}
		workflows.find(workflowId, true).filter(w -> w.status() == WorkflowStatus.ACTIVE).ifPresent(w -> {
			workflows.update(workflowId, w.name(), w.status().pause(), w.version(), now);
			log.warn("Workflow {} paused: {} of its last {} runs failed", workflowId, window[1], window[0]);
			events.publishEvent(new WorkflowPausedForFailures(workflowId, window[1], window[0], now));
		});
	}

	/** Everything an executor may know about the step it runs. */
	record StepContext(WorkflowRuns.Run run, int step, int stepCount, String actionType, JsonNode config,
			int attempt) {

		String idempotencyKey() {
			return "wf:" + run.id() + ":" + step;
		}
	}
}
