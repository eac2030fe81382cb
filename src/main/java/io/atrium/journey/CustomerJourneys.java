package io.atrium.journey;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

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

	/** Health buckets of {@link Distribution#health()}: lower bounds 0, 20, 40, 60, 80. */
	public static final List<String> HEALTH_BUCKETS = List.of("0-19", "20-39", "40-59", "60-79", "80-100");

	/** Churn-risk buckets of {@link Distribution#churnRisk()}: tenths of the 0–1 risk. */
	public static final List<String> RISK_BUCKETS = List.of("0.0-0.1", "0.1-0.2", "0.2-0.3", "0.3-0.4", "0.4-0.5",
			"0.5-0.6", "0.6-0.7", "0.7-0.8", "0.8-0.9", "0.9-1.0");

	/**
	 * How journeys are spread now, and how customers moved between stages in a time span.
	 *
	 * @param customers journeys counted
	 * @param stages customers per current stage, every stage present (zero when none), in stage order
	 * @param health customers per health bucket ({@link #HEALTH_BUCKETS}), every bucket present
	 * @param churnRisk customers per churn-risk tenth ({@link #RISK_BUCKETS}), every bucket present
	 * @param churnLevels customers per stored churn level ({@code low}, {@code medium}, {@code high})
	 * @param flows stage changes in the span, most frequent first
	 */
	public record Distribution(long customers, Map<String, Long> stages, Map<String, Long> health,
			Map<String, Long> churnRisk, Map<String, Long> churnLevels, List<Flow> flows) {
	}

	/**
	 * @param from the stage left, or {@code null} for a journey's start
	 * @param to the stage entered
	 * @param customers distinct customers who made this move in the span
	 * @param transitions moves made (a customer may move more than once)
	 */
	public record Flow(String from, String to, long customers, long transitions) {
	}

	/**
	 * Aggregates over the stored journeys (never per-customer rows out of this module).
	 * @param from start of the span for {@link Distribution#flows()}, inclusive
	 * @param to end of the span, exclusive
	 * @param only the customers to count, or {@code null} for all
	 * @return the distribution, never {@code null}
	 */
	public Distribution distribution(Instant from, Instant to, Collection<CustomerId> only) {
		UUID[] ids = only == null ? null : only.stream().map(CustomerId::value).toArray(UUID[]::new);
		String restrict = ids == null ? "" : " and customer_id = any(?)";
		Map<String, Long> stages = new LinkedHashMap<>();
		for (Stage stage : Stage.values()) {
			stages.put(stage.code(), 0L);
		}
		Map<String, Long> health = new LinkedHashMap<>();
		HEALTH_BUCKETS.forEach(bucket -> health.put(bucket, 0L));
		Map<String, Long> risk = new LinkedHashMap<>();
		RISK_BUCKETS.forEach(bucket -> risk.put(bucket, 0L));
		Map<String, Long> levels = new LinkedHashMap<>();
		long[] customers = { 0 };
		jdbc.query(connection -> {
			var statement = connection.prepareStatement("""
					select stage, least(health / 20, 4) as h, least(floor(churn_risk * 10)::int, 9) as r, churn_level,
					       count(*) from customer_journey where true""" + restrict + " group by 1, 2, 3, 4");
			if (ids != null) {
				statement.setArray(1, connection.createArrayOf("uuid", ids));
			}
			return statement;
		}, (RowCallbackHandler) rs -> {
			long count = rs.getLong(5);
			customers[0] += count;
			stages.merge(rs.getString(1), count, Long::sum);
			health.merge(HEALTH_BUCKETS.get(Math.max(0, rs.getInt(2))), count, Long::sum);
			risk.merge(RISK_BUCKETS.get(Math.max(0, rs.getInt(3))), count, Long::sum);
			levels.merge(rs.getString(4), count, Long::sum);
		});
		List<Flow> flows = new ArrayList<>();
		jdbc.query(connection -> {
			var statement = connection.prepareStatement("""
					select from_stage, to_stage, count(distinct customer_id), count(*) from stage_transition
					where occurred_at >= ? and occurred_at < ?""" + restrict
					+ " group by 1, 2 order by 4 desc, 1 nulls first, 2");
			statement.setTimestamp(1, Timestamp.from(from));
			statement.setTimestamp(2, Timestamp.from(to));
			if (ids != null) {
				statement.setArray(3, connection.createArrayOf("uuid", ids));
			}
			return statement;
		}, (RowCallbackHandler) rs -> flows
			.add(new Flow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))));
		return new Distribution(customers[0], stages, health, risk, levels, flows);
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
