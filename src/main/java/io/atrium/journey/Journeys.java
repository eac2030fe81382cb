package io.atrium.journey;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import io.atrium.shared.CustomerId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The journey tables: one row per customer ({@code customer_journey}), daily activity, touchpoint counts by
 * type and channel, and stage transitions.
 */
@Repository
class Journeys {

	static final String COLUMNS = "customer_id, stage, stage_since, highest_stage, first_seen, last_seen, touchpoints, "
			+ "purchases, monetary, last_purchase_at, previous_purchase_at, positive_signals, health, "
			+ "health_factors::text as health_factors, churn_risk, churn_level, churn_model, momentum, momentum_slope, "
			+ "scored_at";

	private static final String UPSERT = """
			insert into customer_journey (customer_id, stage, stage_since, highest_stage, first_seen, last_seen,
			    touchpoints, purchases, monetary, last_purchase_at, previous_purchase_at, positive_signals, health,
			    health_factors, churn_risk, churn_level, churn_model, momentum, momentum_slope, scored_at)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
			on conflict (customer_id) do update set stage = excluded.stage, stage_since = excluded.stage_since,
			    highest_stage = excluded.highest_stage, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
			    touchpoints = excluded.touchpoints, purchases = excluded.purchases, monetary = excluded.monetary,
			    last_purchase_at = excluded.last_purchase_at, previous_purchase_at = excluded.previous_purchase_at,
			    positive_signals = excluded.positive_signals, health = excluded.health,
			    health_factors = excluded.health_factors, churn_risk = excluded.churn_risk,
			    churn_level = excluded.churn_level, churn_model = excluded.churn_model, momentum = excluded.momentum,
			    momentum_slope = excluded.momentum_slope, scored_at = excluded.scored_at,
			    version = customer_journey.version + 1
			""";

	/**
	 * A stored journey row.
	 */
	record Row(CustomerId customerId, Stage stage, Instant stageSince, Stage highest, Instant firstSeen,
			Instant lastSeen, int touchpoints, int purchases, BigDecimal monetary, Instant lastPurchaseAt,
			Instant previousPurchaseAt, int positiveSignals, int health, String healthFactors, double churnRisk,
			String churnLevel, String churnModel, String momentum, double momentumSlope, Instant scoredAt) {

		JourneyState state(ZoneId zone, NavigableMap<LocalDate, DayActivity> days) {
			JourneyState state = new JourneyState(CustomerJourney.of(customerId, stage, stageSince, highest), zone,
					days);
			state.firstSeen = firstSeen;
			state.lastSeen = lastSeen;
			state.touchpoints = touchpoints;
			state.purchases = purchases;
			state.monetary = monetary;
			state.lastPurchaseAt = lastPurchaseAt;
			state.previousPurchaseAt = previousPurchaseAt;
			state.positiveSignals = positiveSignals;
			return state;
		}
	}

	static final RowMapper<Row> ROW = (rs, n) -> new Row(new CustomerId(rs.getObject("customer_id", UUID.class)),
			Stage.of(rs.getString("stage")).orElseThrow(), instant(rs, "stage_since"),
			Stage.of(rs.getString("highest_stage")).orElseThrow(), instant(rs, "first_seen"), instant(rs, "last_seen"),
			rs.getInt("touchpoints"), rs.getInt("purchases"), rs.getBigDecimal("monetary"),
			instant(rs, "last_purchase_at"), instant(rs, "previous_purchase_at"), rs.getInt("positive_signals"),
			rs.getInt("health"), rs.getString("health_factors"), rs.getDouble("churn_risk"),
			rs.getString("churn_level"), rs.getString("churn_model"), rs.getString("momentum"),
			rs.getDouble("momentum_slope"), instant(rs, "scored_at"));

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Journeys(JdbcTemplate jdbcTemplate, JdbcClient jdbc, JsonMapper json) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Lets this transaction commit without waiting for its WAL flush. Safe for journey updates: they are derived
	 * from touchpoints, and the event registry marks the triggering event completed in a later, synchronous commit,
	 * whose flush covers this one; a crash before that replays the event.
	 */
	void relaxCommit() {
		jdbcTemplate.execute("set local synchronous_commit = off");
	}

	/** Serialises work on one customer's journey until the transaction ends (any node). */
	void lock(CustomerId customer) {
		jdbcTemplate.query("select pg_advisory_xact_lock(hashtextextended(?, 7))", rs -> {
		}, customer.value().toString());
	}

	Optional<Row> find(CustomerId customer) {
		return jdbc.sql("select " + COLUMNS + " from customer_journey where customer_id = :id")
			.param("id", customer.value())
			.query(ROW)
			.optional();
	}

	/** @return the journey's state with the daily activity since {@code since}, or empty when it has not begun */
	Optional<JourneyState> load(CustomerId customer, ZoneId zone, LocalDate since) {
		return find(customer).map(row -> row.state(zone, days(customer, since)));
	}

	NavigableMap<LocalDate, DayActivity> days(CustomerId customer, LocalDate since) {
		NavigableMap<LocalDate, DayActivity> days = new TreeMap<>();
		jdbc.sql("""
				select day, touchpoints, visits, engagements, purchases, amount from journey_daily_activity
				where customer_id = :id and day >= :since
				""").param("id", customer.value()).param("since", since).query(rs -> {
			days.put(rs.getObject("day", LocalDate.class), activity(rs));
		});
		return days;
	}

	/** @return the daily activity since {@code since} of several customers */
	Map<UUID, NavigableMap<LocalDate, DayActivity>> days(Collection<UUID> customers, LocalDate since) {
		Map<UUID, NavigableMap<LocalDate, DayActivity>> days = new HashMap<>();
		if (customers.isEmpty()) {
			return days;
		}
		jdbc.sql("""
				select customer_id, day, touchpoints, visits, engagements, purchases, amount
				from journey_daily_activity where customer_id = any(:ids) and day >= :since
				""").param("ids", customers.toArray(UUID[]::new)).param("since", since).query(rs -> {
			days.computeIfAbsent(rs.getObject("customer_id", UUID.class), id -> new TreeMap<>())
				.put(rs.getObject("day", LocalDate.class), activity(rs));
		});
		return days;
	}

	/**
	 * @param inclusive whether {@code after} itself is included (the first batch of a range)
	 * @param before exclusive upper bound, or {@code null}
	 * @return up to {@code limit} journeys after {@code after} in id order
	 */
	List<Row> batch(UUID after, boolean inclusive, UUID before, int limit) {
		return jdbc.sql("select " + COLUMNS + " from customer_journey where customer_id " + (inclusive ? ">=" : ">")
				+ " :after" + (before == null ? "" : " and customer_id < :before")
				+ " order by customer_id limit :limit")
			.param("after", after)
			.param("before", before == null ? after : before)
			.param("limit", limit)
			.query(ROW)
			.list();
	}

	void save(JourneyState state, JourneyScores scores, Instant scoredAt) {
		saveAll(List.of(new Saved(state, scores)), scoredAt);
	}

	/** A state and its scores to store. */
	record Saved(JourneyState state, JourneyScores scores) {
	}

	void saveAll(List<Saved> saved, Instant scoredAt) {
		jdbcTemplate.batchUpdate(UPSERT, saved, 1000, (ps, s) -> {
			JourneyState state = s.state();
			JourneyScores scores = s.scores();
			ps.setObject(1, state.customerId().value());
			ps.setString(2, state.journey.stage().code());
			ps.setObject(3, offset(state.journey.stageSince()));
			ps.setString(4, state.journey.highest().code());
			ps.setObject(5, offset(state.firstSeen));
			ps.setObject(6, offset(state.lastSeen));
			ps.setInt(7, state.touchpoints);
			ps.setInt(8, state.purchases);
			ps.setBigDecimal(9, state.monetary);
			ps.setObject(10, offset(state.lastPurchaseAt));
			ps.setObject(11, offset(state.previousPurchaseAt));
			ps.setInt(12, state.positiveSignals);
			ps.setInt(13, scores.health().score());
			ps.setString(14, json.writeValueAsString(scores.health().factors()));
			ps.setDouble(15, scores.churnRisk());
			ps.setString(16, scores.churnLevel());
			ps.setString(17, scores.churnModel());
			ps.setString(18, scores.momentum().label());
			ps.setDouble(19, scores.momentum().slope());
			ps.setObject(20, offset(scoredAt));
		});
	}

	/**
	 * Updates the stage and scores of existing journeys in one statement (nightly rescore): counters are unchanged
	 * by the passing of time.
	 */
	void updateScores(List<Saved> saved, Instant scoredAt) {
		int n = saved.size();
		if (n == 0) {
			return;
		}
		UUID[] ids = new UUID[n];
		String[] stages = new String[n];
		String[] since = new String[n];
		Integer[] health = new Integer[n];
		String[] factors = new String[n];
		Double[] risk = new Double[n];
		String[] level = new String[n];
		String[] model = new String[n];
		String[] momentum = new String[n];
		Double[] slope = new Double[n];
		for (int i = 0; i < n; i++) {
			JourneyState state = saved.get(i).state();
			JourneyScores scores = saved.get(i).scores();
			ids[i] = state.customerId().value();
			stages[i] = state.journey.stage().code();
			since[i] = state.journey.stageSince().toString();
			health[i] = scores.health().score();
			factors[i] = json.writeValueAsString(scores.health().factors());
			risk[i] = scores.churnRisk();
			level[i] = scores.churnLevel();
			model[i] = scores.churnModel();
			momentum[i] = scores.momentum().label();
			slope[i] = scores.momentum().slope();
		}
		jdbcTemplate.update(connection -> {
			var ps = connection.prepareStatement("""
					update customer_journey j set stage = u.stage, stage_since = u.since::timestamptz,
					    health = u.health, health_factors = u.factors::jsonb, churn_risk = u.risk, churn_level = u.level,
					    churn_model = u.model, momentum = u.momentum, momentum_slope = u.slope, scored_at = ?,
					    version = j.version + 1
					from unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::text[], ?::float8[], ?::text[], ?::text[],
					    ?::text[], ?::float8[]) as u(id, stage, since, health, factors, risk, level, model, momentum, slope)
					where j.customer_id = u.id
					""");
			ps.setObject(1, offset(scoredAt));
			ps.setArray(2, connection.createArrayOf("uuid", ids));
			ps.setArray(3, connection.createArrayOf("text", stages));
			ps.setArray(4, connection.createArrayOf("text", since));
			ps.setArray(5, connection.createArrayOf("int4", health));
			ps.setArray(6, connection.createArrayOf("text", factors));
			ps.setArray(7, connection.createArrayOf("float8", risk));
			ps.setArray(8, connection.createArrayOf("text", level));
			ps.setArray(9, connection.createArrayOf("text", model));
			ps.setArray(10, connection.createArrayOf("text", momentum));
			ps.setArray(11, connection.createArrayOf("float8", slope));
			return ps;
		});
	}

	/** Adds one touchpoint to its day. */
	void addToDay(CustomerId customer, LocalDate day, Touch touch) {
		DayActivity delta = new DayActivity();
		delta.add(touch);
		jdbc.sql("""
				insert into journey_daily_activity (customer_id, day, touchpoints, visits, engagements, purchases, amount)
				values (:id, :day, :touchpoints, :visits, :engagements, :purchases, :amount)
				on conflict (customer_id, day) do update set
				    touchpoints = journey_daily_activity.touchpoints + excluded.touchpoints,
				    visits = journey_daily_activity.visits + excluded.visits,
				    engagements = journey_daily_activity.engagements + excluded.engagements,
				    purchases = journey_daily_activity.purchases + excluded.purchases,
				    amount = journey_daily_activity.amount + excluded.amount
				""")
			.param("id", customer.value())
			.param("day", day)
			.param("touchpoints", delta.touchpoints)
			.param("visits", delta.visits)
			.param("engagements", delta.engagements)
			.param("purchases", delta.purchases)
			.param("amount", delta.amount)
			.update();
	}

	/** Adds one touchpoint to the count of its type and channel. */
	void addToCount(CustomerId customer, String type, String channel, int count, Instant at) {
		jdbc.sql("""
				insert into journey_touchpoint_count (customer_id, touchpoint_type, channel, touchpoints, last_at)
				values (:id, :type, :channel, :count, :at)
				on conflict (customer_id, touchpoint_type, channel) do update set
				    touchpoints = journey_touchpoint_count.touchpoints + excluded.touchpoints,
				    last_at = greatest(journey_touchpoint_count.last_at, excluded.last_at)
				""")
			.param("id", customer.value())
			.param("type", type)
			.param("channel", channel)
			.param("count", count)
			.param("at", offset(at))
			.update();
	}

	/** Replaces all daily activity of these customers. */
	void insertDays(Map<UUID, ? extends Map<LocalDate, DayActivity>> days) {
		List<Object[]> rows = new ArrayList<>();
		days.forEach((customer, byDay) -> byDay.forEach((day, a) -> rows.add(new Object[] { customer, day,
				a.touchpoints, a.visits, a.engagements, a.purchases, a.amount })));
		jdbcTemplate.batchUpdate("""
				insert into journey_daily_activity (customer_id, day, touchpoints, visits, engagements, purchases, amount)
				values (?, ?, ?, ?, ?, ?, ?)
				""", rows);
	}

	/** A count of touchpoints of one type on one channel. */
	record TypeCount(String type, String channel, int touchpoints, Instant lastAt) {
	}

	void insertCounts(Map<UUID, ? extends Collection<TypeCount>> counts) {
		List<Object[]> rows = new ArrayList<>();
		counts.forEach((customer, list) -> list.forEach(c -> rows
			.add(new Object[] { customer, c.type(), c.channel(), c.touchpoints(), offset(c.lastAt()) })));
		jdbcTemplate.batchUpdate("""
				insert into journey_touchpoint_count (customer_id, touchpoint_type, channel, touchpoints, last_at)
				values (?, ?, ?, ?, ?)
				""", rows);
	}

	List<TypeCount> counts(CustomerId customer) {
		return jdbc.sql("""
				select touchpoint_type, channel, touchpoints, last_at from journey_touchpoint_count
				where customer_id = :id order by touchpoints desc, touchpoint_type, channel
				""").param("id", customer.value()).query((rs, n) -> new TypeCount(rs.getString(1), rs.getString(2),
				rs.getInt(3), instant(rs, "last_at"))).list();
	}

	void insertTransitions(List<StageTransition> transitions, Instant recordedAt) {
		jdbcTemplate.batchUpdate("""
				insert into stage_transition (id, customer_id, from_stage, to_stage, reason, touchpoint_id, occurred_at,
				    recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)
				""", transitions, 1000, (ps, t) -> {
			ps.setObject(1, t.id());
			ps.setObject(2, t.customerId().value());
			ps.setString(3, t.from() == null ? null : t.from().code());
			ps.setString(4, t.to().code());
			ps.setString(5, t.reason());
			ps.setObject(6, t.touchpointId());
			ps.setObject(7, offset(t.occurredAt()));
			ps.setObject(8, offset(recordedAt));
		});
	}

	List<StageTransition> transitions(CustomerId customer) {
		return jdbc.sql("""
				select id, customer_id, from_stage, to_stage, reason, touchpoint_id, occurred_at from stage_transition
				where customer_id = :id order by occurred_at, seq
				""").param("id", customer.value()).query((rs, n) -> new StageTransition(rs.getObject("id", UUID.class),
				customer, Stage.of(rs.getString("from_stage")).orElse(null),
				Stage.of(rs.getString("to_stage")).orElseThrow(), rs.getString("reason"),
				rs.getObject("touchpoint_id", UUID.class), instant(rs, "occurred_at"))).list();
	}

	/** Deletes every journey row of these customers (before a rebuild, or of a merged profile). */
	void deleteAll(Collection<UUID> customers) {
		UUID[] ids = customers.toArray(UUID[]::new);
		for (String table : List.of("customer_journey", "journey_daily_activity", "journey_touchpoint_count",
				"stage_transition")) {
			jdbc.sql("delete from " + table + " where customer_id = any(:ids)").param("ids", ids).update();
		}
	}

	void deleteDays(CustomerId customer) {
		jdbc.sql("delete from journey_daily_activity where customer_id = :id").param("id", customer.value()).update();
	}

	/** Gives a merged profile's stage history to a survivor that had none. */
	void moveTransitions(CustomerId from, CustomerId to) {
		jdbc.sql("update stage_transition set customer_id = :to where customer_id = :from")
			.param("to", to.value())
			.param("from", from.value())
			.update();
	}

	/** Moves a merged profile's touchpoint counts onto the survivor's. */
	void mergeCounts(CustomerId merged, CustomerId survivor) {
		for (TypeCount count : counts(merged)) {
			addToCount(survivor, count.type(), count.channel(), count.touchpoints(), count.lastAt());
		}
	}

	static DayActivity activity(ResultSet rs) throws SQLException {
		return new DayActivity(rs.getInt("touchpoints"), rs.getInt("visits"), rs.getInt("engagements"),
				rs.getInt("purchases"), rs.getBigDecimal("amount"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static OffsetDateTime offset(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}
}
