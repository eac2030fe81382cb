package io.atrium.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Drives runs with db-scheduler: one one-time task instance per run step, stored in {@code scheduled_tasks} in the
 * caller's transaction, so a killed process resumes every run where it stopped. Due times come from the
 * application {@link Clock}; db-scheduler fires on its own (system) clock, so an instance is scheduled at
 * "system now + (due − clock now)", and the executor re-checks the due time against the application clock. A sweep
 * every 30 s (and {@link RunExecution#runDueSteps()}) re-schedules waiting runs the application clock says are due,
 * which covers clocks that jump ahead.
 */
@Configuration(proxyBeanMethods = false)
class StepScheduling {

	static final String TASK = "automation-step";

	private final ObjectProvider<SchedulerClient> scheduler;

	private final Clock clock;

	StepScheduling(ObjectProvider<SchedulerClient> scheduler, Clock clock) {
		this.scheduler = scheduler;
		this.clock = clock;
	}

	@Bean
	OneTimeTask<String> automationStepTask(ObjectProvider<RunExecution> execution) {
		return Tasks.oneTime(TASK, String.class).execute((instance, context) -> {
			String[] parts = instance.getData().split("/");
			execution.getObject().execute(UUID.fromString(parts[0]), Integer.parseInt(parts[1]));
		});
	}

	@Bean
	RecurringTask<Void> automationDueSweepTask(ObjectProvider<RunExecution> execution) {
		return Tasks.recurring("automation-due-sweep", FixedDelay.of(Duration.ofSeconds(30)))
			.execute((instance, context) -> execution.getObject().runDueSteps());
	}

	/**
	 * Schedules a run's step.
	 * @param run the run
	 * @param step the step index to execute
	 * @param due when, by the application clock; {@code null} or past means now
	 */
	void schedule(UUID run, int step, Instant due) {
		Duration delay = due == null ? Duration.ZERO : Duration.between(clock.instant(), due);
		Instant at = Instant.now().plus(delay.isNegative() ? Duration.ZERO : delay);
		String id = run + "/" + step + "/" + UUID.randomUUID().toString().substring(0, 8);
		scheduler.getObject().scheduleIfNotExists(new TaskInstance<>(TASK, id, run + "/" + step), at);
	}
}
