package io.atrium.scoring;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.atrium.shared.CustomerId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feeds scoring with touchpoint history that was loaded without events (e.g. through
 * {@code io.atrium.tracking.TouchpointBulkLoad} for a mall's import or the demo mall), so scores and model
 * training see it. Scores are not recomputed here: start batch scoring ({@code POST /api/scoring/batch})
 * afterwards. Feeding the same history twice counts it twice.
 */
@Service
public class ScoringHistory {

	private static final int CHUNK = 5_000;

	private final ScoringActivities activities;

	private final Clock clock;

	ScoringHistory(ScoringActivities activities, Clock clock) {
		this.activities = activities;
		this.clock = clock;
	}

	/**
	 * One past touchpoint.
	 *
	 * @param customerId the profile, not {@code null}
	 * @param touchpointType e.g. {@code purchase}, not {@code null}
	 * @param occurredAt when, not {@code null}
	 * @param amount money spent, or {@code null}
	 */
	public record PastTouchpoint(CustomerId customerId, String touchpointType, Instant occurredAt, BigDecimal amount) {

		public PastTouchpoint {
			Objects.requireNonNull(customerId, "customerId");
			Objects.requireNonNull(touchpointType, "touchpointType");
			Objects.requireNonNull(occurredAt, "occurredAt");
		}
	}

	/**
	 * Adds past touchpoints to scoring's aggregates, in one transaction.
	 * @param touchpoints consumed on the calling thread
	 * @return how many touchpoints were added
	 */
	@Transactional
	public long record(Iterator<PastTouchpoint> touchpoints) {
		long count = 0;
		Map<String, Object[]> chunk = new HashMap<>();
		while (touchpoints.hasNext()) {
			PastTouchpoint touchpoint = touchpoints.next();
			LocalDate day = touchpoint.occurredAt().atZone(clock.getZone()).toLocalDate();
			UUID customer = touchpoint.customerId().value();
			String key = customer + "|" + touchpoint.touchpointType() + "|" + day;
			Object[] row = chunk.computeIfAbsent(key,
					k -> new Object[] { customer, touchpoint.touchpointType(), Date.valueOf(day), 0, BigDecimal.ZERO });
			row[3] = (Integer) row[3] + 1;
			if (touchpoint.amount() != null) {
				row[4] = ((BigDecimal) row[4]).add(touchpoint.amount());
			}
			count++;
			if (chunk.size() >= CHUNK) {
				activities.addAll(new ArrayList<>(chunk.values()));
				chunk.clear();
			}
		}
		if (!chunk.isEmpty()) {
			activities.addAll(new ArrayList<>(chunk.values()));
		}
		return count;
	}

	/** @return the customers scoring knows, for callers that rescore after a load */
	public List<CustomerId> knownCustomers() {
		return activities.known();
	}
}
