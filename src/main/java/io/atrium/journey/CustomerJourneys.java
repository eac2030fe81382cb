package io.atrium.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.Cursor;
import io.atrium.shared.CustomerId;
import io.atrium.shared.DateRange;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access to journeys for other modules (segment rules, automation conditions, the dashboard): a customer's
 * stage and latest stored scores. Never writes. Scores are as of the last touchpoint or nightly rescore.
 */
@Service
public class CustomerJourneys {

	private final Journeys journeys;

	private final JdbcTemplate jdbc;

	CustomerJourneys(Journeys journeys, JdbcTemplate jdbc) {
		this.journeys = journeys;
		this.jdbc = jdbc;
	}

	/**
	 * Which journeys a read asks for; every component is optional ({@code null} = no condition).
	 *
	 * @param churnRiskAbove churn risk strictly above this (0–1)
	 * @param stage current stage
	 * @param lifetimeSpendAtLeast lifetime purchase amount (CNY) at least this
	 * @param activeIn with at least one touchpoint on a day of this range
	 * @param lastSeenBefore last touchpoint before this instant (lapsed)
	 * @param firstSeenIn first touchpoint on a day of this range (new)
	 * @param healthAtLeast health score (0–100) at least this
	 * @param among only these customers (e.g. a segment's members)
	 */
	public record JourneyQuery(Double churnRiskAbove, Stage stage, BigDecimal lifetimeSpendAtLeast,
			DateRange activeIn, Instant lastSeenBefore, DateRange firstSeenIn, Integer healthAtLeast,
			java.util.Collection<CustomerId> among) {
	}

	/**
	 * Journeys matching a query, highest churn risk first (then by customer id), a page at a time.
	 * @param query the conditions, never {@code null}
	 * @param cursor from the previous page, or {@code null}
	 * @param limit page size, {@code null} for the default (capped at {@link Limit#MAX})
	 * @return the page, never {@code null}
	 */
	@Transactional(readOnly = true)
	public Page<JourneySnapshot> find(JourneyQuery query, String cursor, Integer limit) {
		int size = Limit.of(limit);
		List<Object> params = new ArrayList<>();
		StringBuilder where = where(query, params);
		List<String> after = Cursor.decode(cursor, 2);
		if (!after.isEmpty()) {
			where.append(" and (j.churn_risk, j.customer_id) < (?, ?)");
			try {
				params.add(Double.parseDouble(after.get(0)));
				params.add(UUID.fromString(after.get(1)));
			}
			catch (IllegalArgumentException ex) {
				throw io.atrium.shared.InvalidInput.of("cursor", "is not a cursor from a previous page");
			}
		}
		params.add(size + 1);
		List<Journeys.Row> rows = jdbc.query("select j.* from customer_journey j where true" + where
				+ " order by j.churn_risk desc, j.customer_id desc limit ?", Journeys.ROW, params.toArray());
		String next = null;
		if (rows.size() > size) {
			rows = rows.subList(0, size);
			Journeys.Row last = rows.get(size - 1);
			next = Cursor.encode(Double.toString(last.churnRisk()), last.customerId().value().toString());
		}
		return new Page<>(rows.stream()
			.map(row -> new JourneySnapshot(row.customerId(), row.stage(), row.stageSince(), row.highest(),
					row.health(), row.churnRisk(), row.churnLevel(), row.churnModel(), row.momentum(),
					row.scoredAt()))
			.toList(), next);
	}

	/**
	 * @param query the conditions, never {@code null}
	 * @return how many journeys match
	 */
	@Transactional(readOnly = true)
	public long count(JourneyQuery query) {
		List<Object> params = new ArrayList<>();
		StringBuilder where = where(query, params);
		return jdbc.queryForObject("select count(*) from customer_journey j where true" + where, Long.class,
				params.toArray());
	}

	/** @return how many customers are in each stage now, every stage present (zero when empty) */
	@Transactional(readOnly = true)
	public Map<Stage, Long> stageCounts() {
		Map<Stage, Long> counts = new EnumMap<>(Stage.class);
		for (Stage stage : Stage.values()) {
			counts.put(stage, 0L);
		}
		jdbc.query("select stage, count(*) from customer_journey group by stage",
				(org.springframework.jdbc.core.RowCallbackHandler) rs -> Stage.of(rs.getString(1))
					.ifPresent(stage -> counts.put(stage, count(rs))));
		return counts;
	}

	private static long count(java.sql.ResultSet rs) {
		try {
			return rs.getLong(2);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static StringBuilder where(JourneyQuery query, List<Object> params) {
		StringBuilder where = new StringBuilder();
		if (query.churnRiskAbove() != null) {
			where.append(" and j.churn_risk > ?");
			params.add(query.churnRiskAbove());
		}
		if (query.stage() != null) {
			where.append(" and j.stage = ?");
			params.add(query.stage().code());
		}
		if (query.lifetimeSpendAtLeast() != null) {
			where.append(" and j.monetary >= ?");
			params.add(query.lifetimeSpendAtLeast());
		}
		if (query.activeIn() != null) {
			where.append(" and exists (select 1 from journey_daily_activity a where a.customer_id = j.customer_id"
					+ " and a.day between ? and ?)");
			params.add(query.activeIn().from());
			params.add(query.activeIn().to());
		}
		if (query.lastSeenBefore() != null) {
			where.append(" and j.last_seen < ?");
			params.add(java.sql.Timestamp.from(query.lastSeenBefore()));
		}
		if (query.firstSeenIn() != null) {
			where.append(" and j.first_seen >= ? and j.first_seen < ?");
			params.add(java.sql.Timestamp.from(query.firstSeenIn().start()));
			params.add(java.sql.Timestamp.from(query.firstSeenIn().endExclusive()));
		}
		if (query.healthAtLeast() != null) {
			where.append(" and j.health >= ?");
			params.add(query.healthAtLeast());
		}
		if (query.among() != null) {
			where.append(" and j.customer_id = any(?::uuid[])");
			params.add(query.among().stream().map(id -> id.value().toString()).toArray(String[]::new));
		}
		return where;
	}

	/**
	 * A customer's journey as last stored.
	 *
	 * @param customerId the profile
	 * @param stage the current stage, never {@code null}
	 * @param stageSince when the customer entered it
	 * @param highestStage the highest stage ever reached
	 * @param health 0–100
	 * @param churnRisk 0–1
	 * @param churnLevel {@code low}, {@code medium} or {@code high}
	 * @param churnModel the model that produced the risk, e.g. {@code rule-based-logistic/1}
	 * @param momentum {@code accelerating}, {@code steady} or {@code declining}
	 * @param scoredAt when the scores were computed
	 */
	public record JourneySnapshot(CustomerId customerId, Stage stage, Instant stageSince, Stage highestStage,
			int health, double churnRisk, String churnLevel, String churnModel, String momentum, Instant scoredAt) {
	}

	/**
	 * @param customer a profile id, not {@code null}
	 * @return the journey, or empty when the customer has no touchpoint yet
	 */
	public Optional<JourneySnapshot> find(CustomerId customer) {
		return journeys.find(customer)
			.map(row -> new JourneySnapshot(row.customerId(), row.stage(), row.stageSince(), row.highest(),
					row.health(), row.churnRisk(), row.churnLevel(), row.churnModel(), row.momentum(),
					row.scoredAt()));
	}
}
