package io.atrium.journey;

import java.time.ZoneId;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.atrium.platform.Jobs;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Re-scores every journey at 03:00 in the mall's zone (time passing lowers recency and lets lapsed customers fall
 * back), on whichever node picks the db-scheduler task first, recorded as a {@code journey-rescore} job.
 */
@Configuration(proxyBeanMethods = false)
class NightlyRescore {

	static final String KIND = JourneyRebuilding.RESCORE;

	@Bean
	RecurringTask<Void> journeyNightlyRescoreTask(Jobs jobs, JourneyRecompute recompute,
			@Value("${atrium.zone:Asia/Shanghai}") String zone) {
		return Tasks.recurring("journey-nightly-rescore", Schedules.cron("0 0 3 * * *", ZoneId.of(zone)))
			.execute((instance, context) -> jobs.run(KIND, Map.of("trigger", "nightly"), "system",
					progress -> recompute.rescore(progress).asMap(), view -> {
					}));
	}
}
