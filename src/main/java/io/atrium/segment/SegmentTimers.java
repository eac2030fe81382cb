package io.atrium.segment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Expires (and admits) members of time-relative segments on time: every customer whose oldest qualifying fact
 * leaves a window has a timer ({@code segment_timer.due_at}, the start of that day in the mall's zone); a
 * db-scheduler task, cluster-safe, re-evaluates only the customers whose timers are due. No full rebuild.
 */
@Component
class SegmentTimers {

	/** How often due timers are looked for. */
	static final Duration POLL = Duration.ofSeconds(30);

	private final SegmentEvaluation evaluation;

	private final Clock clock;

	SegmentTimers(SegmentEvaluation evaluation, Clock clock) {
		this.evaluation = evaluation;
		this.clock = clock;
	}

	/**
	 * Handles every timer due at {@code now}, a batch per transaction.
	 * @return how many timers were handled
	 */
	int sweep(Instant now) {
		int handled = 0;
		while (true) {
			int batch = evaluation.sweepBatch(now);
			handled += batch;
			if (batch < SegmentEvaluation.SWEEP_BATCH) {
				return handled;
			}
		}
	}

	int sweep() {
		return sweep(clock.instant());
	}

	@Configuration(proxyBeanMethods = false)
	static class Schedule {

		@Bean
		RecurringTask<Void> segmentTimersTask(SegmentTimers timers) {
			return Tasks.recurring("segment-timers", FixedDelay.of(POLL)).execute((instance, context) -> timers.sweep());
		}
	}
}
