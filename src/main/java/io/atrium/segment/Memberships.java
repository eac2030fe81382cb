package io.atrium.segment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.CustomerId;
import io.atrium.shared.Cursor;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Page;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Membership history ({@code segment_membership}: one row per stay, open while {@code left_at} is null) and the
 * timers of time-relative rules ({@code segment_timer}).
 */
@Repository
class Memberships {

	private final JdbcClient jdbc;

	Memberships(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean isMember(UUID segment, CustomerId customer) {
		return jdbc.sql("""
				select exists (select 1 from segment_membership where segment_id = :segment and customer_id = :customer
				and left_at is null)
				""").param("segment", segment).param("customer", customer.value()).query(Boolean.class).single();
	}

	/** @return {@code true} when the customer was not a member and now is */
	boolean enter(UUID segment, CustomerId customer, Instant now) {
		return jdbc.sql("""
				insert into segment_membership (segment_id, customer_id, entered_at) values (:segment, :customer, :now)
				on conflict (segment_id, customer_id) where left_at is null do nothing
				""")
			.param("segment", segment)
			.param("customer", customer.value())
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/** @return {@code true} when the customer was a member and now is not */
	boolean leave(UUID segment, CustomerId customer, Instant now) {
		return jdbc.sql("""
				update segment_membership set left_at = :now
				where segment_id = :segment and customer_id = :customer and left_at is null
				""")
			.param("segment", segment)
			.param("customer", customer.value())
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	int size(UUID segment) {
		return jdbc.sql("select count(*) from segment_membership where segment_id = :segment and left_at is null")
			.param("segment", segment)
			.query(Integer.class)
			.single();
	}

	List<UUID> segmentsOf(CustomerId customer) {
		return jdbc.sql("""
				select m.segment_id from segment_membership m join segment s on s.id = m.segment_id
				where m.customer_id = :customer and m.left_at is null and s.status = 'active' order by m.entered_at, m.segment_id
				""").param("customer", customer.value()).query(UUID.class).list();
	}

	/** @return current members ordered by customer id */
	Page<CustomerId> members(UUID segment, String cursor, int limit) {
		List<String> after = Cursor.decode(cursor, 1);
		UUID from;
		try {
			from = after.isEmpty() ? new UUID(0, 0) : UUID.fromString(after.get(0));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of("cursor", "is not a cursor this list issued");
		}
		List<CustomerId> rows = jdbc.sql("""
				select customer_id from segment_membership where segment_id = :segment and left_at is null
				and customer_id > :after order by customer_id limit :limit
				""")
			.param("segment", segment)
			.param("after", from)
			.param("limit", limit + 1)
			.query((rs, n) -> new CustomerId(rs.getObject(1, UUID.class)))
			.list();
		List<CustomerId> items = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
		String next = rows.size() > limit ? Cursor.encode(items.get(items.size() - 1).value().toString()) : null;
		return new Page<>(items, next);
	}

	void setTimer(UUID segment, CustomerId customer, Optional<Instant> due) {
		if (due.isEmpty()) {
			jdbc.sql("delete from segment_timer where segment_id = :segment and customer_id = :customer")
				.param("segment", segment)
				.param("customer", customer.value())
				.update();
			return;
		}
		jdbc.sql("""
				insert into segment_timer (segment_id, customer_id, due_at) values (:segment, :customer, :due)
				on conflict (segment_id, customer_id) do update set due_at = excluded.due_at
				""")
			.param("segment", segment)
			.param("customer", customer.value())
			.param("due", Timestamp.from(due.get()))
			.update();
	}

	/** A timer that fell due. */
	record Due(UUID segment, CustomerId customer) {
	}

	/** Takes (deletes and returns) up to {@code limit} timers due at {@code now}, skipping ones other nodes hold. */
	List<Due> takeDue(Instant now, int limit) {
		return jdbc.sql("""
				delete from segment_timer where (segment_id, customer_id) in (
				    select segment_id, customer_id from segment_timer where due_at <= :now
				    order by due_at limit :limit for update skip locked)
				returning segment_id, customer_id
				""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, n) -> new Due(rs.getObject(1, UUID.class), new CustomerId(rs.getObject(2, UUID.class))))
			.list();
	}
}
