package io.atrium.tracking;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The touchpoint table. Inserts of a whole batch are one statement over arrays ({@code unnest}), so a batch
 * costs one round trip whatever its size, and a replayed {@code message_id} is skipped by the unique index. Rows
 * go in in message-id order, so concurrent batches replaying the same ids take their index locks alike.
 */
@Repository
class Touchpoints {

	private static final String COLUMNS = "id, customer_id, touchpoint_type, channel, occurred_at, received_at, "
			+ "source, message_id, campaign_id, store_id, location, amount, currency, rating, duration_seconds, "
			+ "metadata::text as metadata";

	private static final String INSERT = """
			insert into touchpoint (id, customer_id, touchpoint_type, channel, occurred_at, received_at, source,
			    message_id, campaign_id, store_id, location, amount, currency, rating, duration_seconds, metadata)
			select t.id, t.customer_id, t.touchpoint_type, t.channel, t.occurred_at::timestamptz, ?, ?,
			    t.message_id, t.campaign_id, t.store_id, t.location, t.amount, t.currency, t.rating::smallint,
			    t.duration_seconds, t.metadata::jsonb
			from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
			    ?::text[], ?::numeric[], ?::text[], ?::int[], ?::int[], ?::text[])
			    as t(id, customer_id, touchpoint_type, channel, occurred_at, message_id, campaign_id, store_id,
			    location, amount, currency, rating, duration_seconds, metadata)
			order by t.message_id
			on conflict (message_id) where message_id is not null do nothing
			returning id
			""";

	private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getObject("id", UUID.class),
			new CustomerId(rs.getObject("customer_id", UUID.class)), rs.getString("touchpoint_type"),
			rs.getString("channel"), instant(rs, "occurred_at"), instant(rs, "received_at"), rs.getString("source"),
			rs.getString("message_id"), rs.getString("campaign_id"), rs.getString("store_id"),
			rs.getString("location"), rs.getBigDecimal("amount"), rs.getString("currency"),
			(Integer) rs.getObject("rating", Integer.class), (Integer) rs.getObject("duration_seconds", Integer.class),
			rs.getString("metadata"));

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	Touchpoints(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
	}

	/**
	 * A stored touchpoint.
	 */
	record Row(UUID id, CustomerId customerId, String type, String channel, Instant occurredAt, Instant receivedAt,
			String source, String messageId, String campaignId, String storeId, String location, BigDecimal amount,
			String currency, Integer rating, Integer durationSeconds, String metadataJson) {
	}

	/**
	 * Inserts drafts whose customers are resolved, skipping those whose message id is already stored.
	 * @param ids the new touchpoint ids, parallel to {@code drafts}
	 * @return the ids actually inserted
	 */
	Set<UUID> insert(List<UUID> ids, List<TouchpointDraft> drafts, Instant receivedAt, String source) {
		int n = drafts.size();
		UUID[] customer = new UUID[n];
		String[] type = new String[n];
		String[] channel = new String[n];
		String[] occurred = new String[n];
		String[] messageId = new String[n];
		String[] campaign = new String[n];
		String[] store = new String[n];
		String[] location = new String[n];
		BigDecimal[] amount = new BigDecimal[n];
		String[] currency = new String[n];
		Integer[] rating = new Integer[n];
		Integer[] duration = new Integer[n];
		String[] metadata = new String[n];
		for (int i = 0; i < n; i++) {
			TouchpointDraft d = drafts.get(i);
			customer[i] = d.customerId().value();
			type[i] = d.type();
			channel[i] = d.channel();
			occurred[i] = d.occurredAt().toString();
			messageId[i] = d.messageId();
			campaign[i] = d.campaignId();
			store[i] = d.storeId();
			location[i] = d.location();
			amount[i] = d.amount();
			currency[i] = d.currency();
			rating[i] = d.rating();
			duration[i] = d.durationSeconds();
			metadata[i] = d.metadataJson();
		}
		Set<UUID> inserted = new HashSet<>(n * 2);
		jdbcTemplate.query((Connection con) -> {
			PreparedStatement ps = con.prepareStatement(INSERT);
			ps.setObject(1, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
			ps.setString(2, source);
			ps.setArray(3, con.createArrayOf("uuid", ids.toArray(UUID[]::new)));
			ps.setArray(4, con.createArrayOf("uuid", customer));
			ps.setArray(5, text(con, type));
			ps.setArray(6, text(con, channel));
			ps.setArray(7, text(con, occurred));
			ps.setArray(8, text(con, messageId));
			ps.setArray(9, text(con, campaign));
			ps.setArray(10, text(con, store));
			ps.setArray(11, text(con, location));
			ps.setArray(12, con.createArrayOf("numeric", amount));
			ps.setArray(13, text(con, currency));
			ps.setArray(14, con.createArrayOf("int4", rating));
			ps.setArray(15, con.createArrayOf("int4", duration));
			ps.setArray(16, text(con, metadata));
			return ps;
		}, (ResultSet rs) -> {
			inserted.add(rs.getObject(1, UUID.class));
		});
		return inserted;
	}

	/** @return the stored touchpoints carrying these message ids, by message id */
	Map<String, Row> findByMessageIds(Collection<String> messageIds) {
		Map<String, Row> found = new HashMap<>();
		if (messageIds.isEmpty()) {
			return found;
		}
		jdbc.sql("select " + COLUMNS + " from touchpoint where message_id = any(:ids)")
			.param("ids", messageIds.toArray(String[]::new))
			.query(ROW)
			.list()
			.forEach(row -> found.put(row.messageId(), row));
		return found;
	}

	Optional<Row> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from touchpoint where id = :id").param("id", id).query(ROW).optional();
	}

	/**
	 * One page of a customer's touchpoints, newest first.
	 * @param type only this type, or {@code null}
	 * @param from inclusive lower bound, or {@code null}
	 * @param until exclusive upper bound, or {@code null}
	 * @param afterOccurred with {@code afterId}: the last item of the previous page, or {@code null}
	 */
	List<Row> page(CustomerId customer, String type, Instant from, Instant until, Instant afterOccurred,
			UUID afterId, int limit) {
		StringBuilder sql = new StringBuilder("select " + COLUMNS + " from touchpoint where customer_id = :customer");
		Map<String, Object> params = new HashMap<>();
		params.put("customer", customer.value());
		if (type != null) {
			sql.append(" and touchpoint_type = :type");
			params.put("type", type);
		}
		if (from != null) {
			sql.append(" and occurred_at >= :from");
			params.put("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
		}
		if (until != null) {
			sql.append(" and occurred_at < :until");
			params.put("until", OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
		}
		if (afterOccurred != null) {
			sql.append(" and (occurred_at, id) < (:afterOccurred, :afterId)");
			params.put("afterOccurred", OffsetDateTime.ofInstant(afterOccurred, ZoneOffset.UTC));
			params.put("afterId", afterId);
		}
		sql.append(" order by occurred_at desc, id desc limit :limit");
		params.put("limit", limit);
		return jdbc.sql(sql.toString()).params(params).query(ROW).list();
	}

	/** Moves every touchpoint of one profile to another. @return how many moved */
	int reassign(CustomerId from, CustomerId to) {
		return jdbc.sql("update touchpoint set customer_id = :to where customer_id = :from")
			.param("to", to.value())
			.param("from", from.value())
			.update();
	}

	private static Array text(Connection con, String[] values) throws SQLException {
		return con.createArrayOf("text", values);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
