package io.atrium.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Forgets idempotency keys after their retention period, hourly, on whichever node picks the task first.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyKeyPurge {

	@Bean
	RecurringTask<Void> idempotencyKeyPurgeTask(JdbcClient jdbc, Clock clock) {
		return Tasks.recurring("idempotency-key-purge", FixedDelay.of(Duration.ofHours(1)))
			.execute((instance, context) -> jdbc.sql("delete from idempotency_key where created_at < :cutoff")
				.param("cutoff", Timestamp.from(clock.instant().minus(IdempotencyKeys.RETENTION)))
				.update());
	}
}
