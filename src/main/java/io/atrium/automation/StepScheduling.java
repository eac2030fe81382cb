package io.atrium.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Drives runs with db-scheduler: one one-time task instance per run step (task {@code automation-step}, renamable with
 * {@code atrium.automation.step-task} so that separate engines can share one database in tests), stored in {@code scheduled_tasks} in the
 * caller's transaction, so a killed process resumes every run where it stopped. Due times come from the
 * application {@link Clock}; db-scheduler fires on its own (system) clock, so an instance is scheduled at
 * "system now + (due − clock now)", and the executor re-checks the due time against the application clock (an early firing
 * re-schedules itself). {@link RunExecution#runDueSteps()} re-schedules, for now, every waiting run the application
 * clock says is due, for clocks that jump ahead (tests advancing the clock, an operator correcting it).
 */
@Configuration(proxyBeanMethods = false)
class StepScheduling {

	private final ObjectProvider<SchedulerClient> scheduler;

	private final Clock clock;

	private final String taskName;

	StepScheduling(ObjectProvider<SchedulerClient> scheduler, Clock clock,
			@Value("${atrium.automation.step-task:automation-step}") String taskName) {
		this.scheduler = scheduler;
		this.clock = clock;
		this.taskName = taskName;
	}

	@Bean
	OneTimeTask<String> automationStepTask(ObjectProvider<RunExecution> execution) {
		return Tasks.oneTime(taskName, String.class).execute((instance, context) -> {
			String[] parts = instance.getData().split("/");
			execution.getObject().execute(UUID.fromString(parts[0]), Integer.parseInt(parts[1]));
		});
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
		scheduler.getObject().scheduleIfNotExists(new TaskInstance<>(taskName, id, run + "/" + step), at);
	}
}
