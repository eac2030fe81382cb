package io.atrium.scoring;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Scoring's own aggregates of touchpoints, per customer, type and day, and the touchpoints already counted.
 */
@Repository
class ScoringActivities {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final JdbcTemplate streaming;

	ScoringActivities(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
		this.streaming = new JdbcTemplate(template.getDataSource());
		this.streaming.setFetchSize(10_000);
	}

	/** @return whether the touchpoint is new to scoring (and now marked as seen) */
	boolean firstSight(UUID touchpointId, Instant now) {
		return jdbc.sql("insert into scoring_touchpoint_seen (touchpoint_id, seen_at) values (:id, :now) on conflict do nothing")
			.param("id", touchpointId)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	void add(CustomerId customer, String type, LocalDate day, int events, BigDecimal amount) {
		jdbc.sql("""
				insert into scoring_activity (customer_id, touchpoint_type, day, events, amount)
				values (:customer, :type, :day, :events, :amount)
				on conflict (customer_id, touchpoint_type, day)
				do update set events = scoring_activity.events + excluded.events,
				              amount = scoring_activity.amount + excluded.amount
				""")
			.param("customer", customer.value())
			.param("type", type)
			.param("day", Date.valueOf(day))
			.param("events", events)
			.param("amount", amount == null ? BigDecimal.ZERO : amount)
			.update();
	}

	/**
	 * Adds many aggregates at once (history loads).
	 * @param rows customer, type, day, events, amount
	 */
	void addAll(List<Object[]> rows) {
		template.batchUpdate("""
				insert into scoring_activity (customer_id, touchpoint_type, day, events, amount)
				values (?, ?, ?, ?, ?)
				on conflict (customer_id, touchpoint_type, day)
				do update set events = scoring_activity.events + excluded.events,
				              amount = scoring_activity.amount + excluded.amount
				""", rows);
	}

	Activity of(CustomerId customer) {
		return new Activity(jdbc.sql("""
				select touchpoint_type, day, events, amount from scoring_activity where customer_id = :customer
				""")
			.param("customer", customer.value())
			.query((rs, n) -> new Activity.Day(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getInt(3),
					rs.getDouble(4)))
			.list());
	}

	/** Moves the merged profile's activity onto the survivor. */
	void move(CustomerId merged, CustomerId survivor) {
		jdbc.sql("""
				insert into scoring_activity (customer_id, touchpoint_type, day, events, amount)
				select :survivor, touchpoint_type, day, events, amount from scoring_activity where customer_id = :merged
				on conflict (customer_id, touchpoint_type, day)
				do update set events = scoring_activity.events + excluded.events,
				              amount = scoring_activity.amount + excluded.amount
				""")
			.param("survivor", survivor.value())
			.param("merged", merged.value())
			.update();
		jdbc.sql("delete from scoring_activity where customer_id = :merged").param("merged", merged.value()).update();
	}

	/**
	 * Streams every customer scoring knows (scored, or with touchpoints) with its activity, in id order. Call
	 * inside a read-only transaction so rows are fetched in batches rather than all at once.
	 * @param each called once per customer
	 */
	void forEachCustomer(BiConsumer<CustomerId, Activity> each) {
		UUID[] current = { null };
		List<Activity.Day> days = new ArrayList<>();
		streaming.query("""
				select c.customer_id, a.touchpoint_type, a.day, a.events, a.amount
				from (select customer_id from lead_score union select distinct customer_id from scoring_activity) c
				left join scoring_activity a on a.customer_id = c.customer_id
				order by c.customer_id
				""", rs -> {
			UUID id = rs.getObject(1, UUID.class);
			if (current[0] != null && !current[0].equals(id)) {
				each.accept(new CustomerId(current[0]), new Activity(List.copyOf(days)));
				days.clear();
			}
			current[0] = id;
			String type = rs.getString(2);
			if (type != null) {
				days.add(new Activity.Day(type, rs.getDate(3).toLocalDate(), rs.getInt(4), rs.getDouble(5)));
			}
		});
		if (current[0] != null) {
			each.accept(new CustomerId(current[0]), new Activity(List.copyOf(days)));
		}
	}

	/**
	 * @param customers a page of customers
	 * @return the activity of each (empty for customers without touchpoints), keyed by id
	 */
	java.util.Map<CustomerId, Activity> ofAll(List<CustomerId> customers) {
		java.util.Map<UUID, List<Activity.Day>> days = new java.util.HashMap<>();
		template.query(connection -> {
			var select = connection.prepareStatement(
					"select customer_id, touchpoint_type, day, events, amount from scoring_activity where customer_id = any(?)");
			select.setArray(1, connection.createArrayOf("uuid", customers.stream().map(CustomerId::value).toArray()));
			return select;
		}, (org.springframework.jdbc.core.RowCallbackHandler) rs -> days
			.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
			.add(new Activity.Day(rs.getString(2), rs.getDate(3).toLocalDate(), rs.getInt(4), rs.getDouble(5))));
		java.util.Map<CustomerId, Activity> result = new java.util.LinkedHashMap<>();
		for (CustomerId customer : customers) {
			result.put(customer, new Activity(List.copyOf(days.getOrDefault(customer.value(), List.of()))));
		}
		return result;
	}

	/** @return how many customers scoring knows */
	long knownCount() {
		return jdbc.sql("select count(*) from (select customer_id from lead_score union select distinct customer_id from scoring_activity) c")
			.query(Long.class)
			.single();
	}

	/** @return ids of every customer scoring knows, in id order */
	List<CustomerId> known() {
		return jdbc.sql("select customer_id from lead_score union select distinct customer_id from scoring_activity order by 1")
			.query((rs, n) -> new CustomerId(rs.getObject(1, UUID.class)))
			.list();
	}
}
