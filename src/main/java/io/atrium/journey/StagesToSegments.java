package io.atrium.journey;

import io.atrium.segment.SegmentStandings;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Hands stage changes to the segment module, whose {@code lifecycle_stage} rules compare them. (Segments cannot
 * listen to {@link LifecycleStageChanged} themselves: this module already depends on them for journey patterns.)
 * One touchpoint can move a customer through several stages at the same instant and the outbox delivers their
 * events in any order, so what is handed over is the journey's current stage when the event is handled, not the
 * event's {@code to}.
 */
@Component
class StagesToSegments {

	private static final int PAGE = 5_000;

	private final CustomerJourneys journeys;

	private final SegmentStandings standings;

	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

	StagesToSegments(CustomerJourneys journeys, SegmentStandings standings,
			org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		this.journeys = journeys;
		this.standings = standings;
		this.jdbc = jdbc;
	}

	/**
	 * Hands every journey's current stage over in pages (after a rebuild from history, which publishes no stage
	 * changes), then has segments comparing stages recomputed.
	 * @return how many stages were handed over
	 */
	long handOverAll() {
		long count = 0;
		java.util.UUID after = new java.util.UUID(0, 0);
		while (true) {
			java.util.List<SegmentStandings.CustomerStage> page = jdbc.sql("""
					select customer_id, stage, stage_since from customer_journey where customer_id > :after
					order by customer_id limit :limit
					""")
				.param("after", after)
				.param("limit", PAGE)
				.query((rs, n) -> new SegmentStandings.CustomerStage(
						new io.atrium.shared.CustomerId(rs.getObject(1, java.util.UUID.class)), rs.getString(2),
						rs.getObject(3, java.time.OffsetDateTime.class).toInstant()))
				.list();
			if (page.isEmpty()) {
				break;
			}
			standings.stagesRebuilt(page);
			count += page.size();
			after = page.get(page.size() - 1).customerId().value();
		}
		standings.recomputeStageSegments();
		return count;
	}

	@ApplicationModuleListener
	void on(LifecycleStageChanged changed) {
		journeys.find(changed.customerId())
			.ifPresent(journey -> standings.stageChanged(journey.customerId(), journey.stage().code(),
					journey.stageSince()));
	}
}
