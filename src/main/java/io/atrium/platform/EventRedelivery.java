package io.atrium.platform;

import java.time.Duration;
import java.util.List;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

/**
 * Redelivers events whose listener failed, or whose node died while handling them: Spring Modulith's staleness
 * monitor marks publications stuck in processing as failed ({@code spring.modulith.events.staleness.*}), and this
 * task, run every minute on whichever node claims it, resubmits failed publications older than a minute. The
 * registry claims each publication before resubmitting it, so several nodes never redeliver the same one at once.
 * Together with the outbox this makes event delivery at least once.
 */
@Configuration(proxyBeanMethods = false)
class EventRedelivery {

	@Bean
	RecurringTask<Void> failedEventRedeliveryTask(FailedEventPublications failed,
			@Value("${atrium.events.redelivery-interval:PT1M}") Duration interval) {
		return Tasks.recurring("event-redelivery", FixedDelay.of(interval))
			.execute((instance, context) -> failed
				.resubmit(ResubmissionOptions.defaults().withMinAge(Duration.ofMinutes(1)).withBatchSize(500)));
	}

	/**
	 * The outbox backlog for monitoring: {@code atrium_events_incomplete{status=...}} counts event publications
	 * not yet completed, by status (published, processing, failed, resubmitted). A backlog that grows for minutes
	 * means listeners fall behind or fail.
	 */
	@Bean
	MeterBinder eventBacklogMetrics(JdbcClient jdbc) {
		return registry -> {
			for (String status : List.of("PUBLISHED", "PROCESSING", "FAILED", "RESUBMITTED")) {
				Gauge.builder("atrium.events.incomplete", () -> jdbc
					.sql("select count(*) from event_publication where completion_date is null and status = :status")
					.param("status", status)
					.query(Long.class)
					.single())
					.tag("status", status.toLowerCase(java.util.Locale.ROOT))
					.description("Event publications not yet completed")
					.register(registry);
			}
		};
	}
}
