package io.atrium.tracking;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.atrium.customer.CustomerErased;
import io.atrium.customer.PersonalDataSection;
import io.atrium.shared.CustomerId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tracking's part in privacy: exports a person's touchpoints, erases their free text (metadata, location — review
 * texts live in metadata) on {@link CustomerErased} in the erasing transaction, keeping type, time, store and
 * amount as anonymous aggregates, and anonymises touchpoints older than {@code atrium.privacy.touchpoint-retention}
 * (default 730 days) every day.
 */
@Configuration(proxyBeanMethods = false)
class TouchpointPrivacy implements PersonalDataSection {

	private static final Logger log = LoggerFactory.getLogger(TouchpointPrivacy.class);

	private final JdbcClient jdbc;

	TouchpointPrivacy(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One touchpoint in an export, with everything stored about it. */
	record ExportedTouchpoint(UUID touchpointId, String touchpointType, String channel, Instant occurredAt,
			Instant receivedAt, String source, String messageId, String campaignId, String storeId, String location,
			BigDecimal amount, String currency, Integer rating, Integer durationSeconds, String metadata) {
	}

	@Override
	public String name() {
		return "touchpoints";
	}

	@Override
	public Object export(CustomerId customer) {
		return jdbc.sql("""
				select id, touchpoint_type, channel, occurred_at, received_at, source, message_id, campaign_id, store_id,
				       location, amount, currency, rating, duration_seconds, metadata::text
				from touchpoint where customer_id = :customer order by occurred_at, id
				""")
			.param("customer", customer.value())
			.query((rs, n) -> new ExportedTouchpoint(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant(),
					rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
					rs.getBigDecimal(11), rs.getString(12), (Integer) rs.getObject(13, Integer.class),
					(Integer) rs.getObject(14, Integer.class), rs.getString(15)))
			.list();
	}

	@EventListener
	void on(CustomerErased erased) {
		int touched = jdbc.sql("""
				update touchpoint set metadata = '{}', location = null, message_id = null where customer_id = :customer
				""").param("customer", erased.id().value()).update();
		jdbc.sql("delete from touchpoint_merge_move where absorbed = :customer or survivor = :customer")
			.param("customer", erased.id().value())
			.update();
		log.info("Erased the free text of {} touchpoints of an erased profile", touched);
	}

	/** @return how many touchpoints older than {@code retention} lost their free text */
	int anonymiseOlderThan(Duration retention, Instant now) {
		return jdbc.sql("""
				update touchpoint set metadata = '{}', location = null
				where occurred_at < :cutoff and (metadata <> '{}' or location is not null)
				""").param("cutoff", Timestamp.from(now.minus(retention))).update();
	}

	@Bean
	RecurringTask<Void> touchpointRetentionTask(Clock clock,
			@Value("${atrium.privacy.touchpoint-retention:730d}") Duration retention) {
		return Tasks.recurring("touchpoint-retention", FixedDelay.of(Duration.ofDays(1)))
			.execute((instance, context) -> log.info("Anonymised {} touchpoints past retention",
					anonymiseOlderThan(retention, clock.instant())));
	}
}
