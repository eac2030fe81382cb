package io.atrium.scoring;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.atrium.tracking.TouchpointHistory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replaces scoring's per-customer, per-type, per-day activity with aggregates of the stored touchpoint history
 * (read through {@link TouchpointHistory}, customer by customer), in chunks each written in a transaction of its
 * own. Scores are recomputed afterwards by the caller.
 */
@Component
class ActivityRebuilding {

	private static final int CHUNK = 5_000;

	private final TouchpointHistory history;

	private final ScoringActivities activities;

	private final JdbcClient jdbc;

	private final TransactionTemplate writes;

	private final Clock clock;

	ActivityRebuilding(TouchpointHistory history, ScoringActivities activities, JdbcClient jdbc,
			PlatformTransactionManager transactions, Clock clock) {
		this.history = history;
		this.activities = activities;
		this.jdbc = jdbc;
		this.writes = new TransactionTemplate(transactions);
		this.writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** @return how many touchpoints the rebuilt activity counts */
	long rebuildActivity() {
		writes.executeWithoutResult(status -> jdbc.sql("truncate scoring_activity").update());
		Map<String, Object[]> chunk = new LinkedHashMap<>();
		UUID[] current = { null };
		long count = history.stream(touchpoint -> {
			UUID customer = touchpoint.customerId().value();
			if (current[0] != null && !current[0].equals(customer) && chunk.size() >= CHUNK) {
				flush(chunk);
			}
			current[0] = customer;
			LocalDate day = touchpoint.occurredAt().atZone(clock.getZone()).toLocalDate();
			Object[] row = chunk.computeIfAbsent(customer + "|" + touchpoint.touchpointType() + "|" + day,
					key -> new Object[] { customer, touchpoint.touchpointType(), Date.valueOf(day), 0, BigDecimal.ZERO });
			row[3] = (Integer) row[3] + 1;
			if (touchpoint.amount() != null) {
				row[4] = ((BigDecimal) row[4]).add(touchpoint.amount());
			}
		});
		flush(chunk);
		return count;
	}

	private void flush(Map<String, Object[]> chunk) {
		if (chunk.isEmpty()) {
			return;
		}
		ArrayList<Object[]> rows = new ArrayList<>(chunk.values());
		writes.executeWithoutResult(status -> activities.addAll(rows));
		chunk.clear();
	}
}
