package io.atrium.segment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.Cursor;
import io.atrium.shared.Page;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segment definitions and their size history.
 */
@Repository
class Segments {

	private static final String COLUMNS = "id, name, description, type, rule::text as rule, status, size, "
			+ "last_computed_at, created_by, created_at, updated_at";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Segments(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(SegmentRow row) {
		jdbc.sql("""
				insert into segment (id, name, description, type, rule, status, size, created_by, created_at, updated_at)
				values (:id, :name, :description, :type, cast(:rule as jsonb), :status, 0, :createdBy, :createdAt, :createdAt)
				""")
			.param("id", row.id())
			.param("name", row.name())
			.param("description", row.description())
			.param("type", row.type())
			.param("rule", row.rule() == null ? null : row.rule().toString())
			.param("status", row.status())
			.param("createdBy", row.createdBy())
			.param("createdAt", Timestamp.from(row.createdAt()))
			.update();
	}

	void update(UUID id, String name, String description, JsonNode rule, Instant now) {
		jdbc.sql("""
				update segment set name = :name, description = :description, rule = cast(:rule as jsonb), updated_at = :now
				where id = :id
				""")
			.param("id", id)
			.param("name", name)
			.param("description", description)
			.param("rule", rule == null ? null : rule.toString())
			.param("now", Timestamp.from(now))
			.update();
	}

	void archive(UUID id, Instant now) {
		jdbc.sql("update segment set status = 'archived', updated_at = :now where id = :id")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update();
	}

	void computed(UUID id, int size, Instant now) {
		jdbc.sql("update segment set size = :size, last_computed_at = :now where id = :id")
			.param("id", id)
			.param("size", size)
			.param("now", Timestamp.from(now))
			.update();
		jdbc.sql("insert into segment_size_history (segment_id, at, size) values (:id, :now, :size)")
			.param("id", id)
			.param("size", size)
			.param("now", Timestamp.from(now))
			.update();
	}

	Optional<SegmentRow> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from segment where id = :id").param("id", id).query(this::row).optional();
	}

	/** @return the active segments, oldest first */
	List<SegmentRow> active() {
		return jdbc.sql("select " + COLUMNS + " from segment where status = 'active' order by created_at, id")
			.query(this::row)
			.list();
	}

	Page<SegmentRow> page(boolean includeArchived, String cursor, int limit) {
		List<String> after = Cursor.decode(cursor, 2);
		StringBuilder sql = new StringBuilder("select " + COLUMNS + " from segment where true");
		if (!includeArchived) {
			sql.append(" and status = 'active'");
		}
		if (!after.isEmpty()) {
			sql.append(" and (created_at, id) < (:at, :id)");
		}
		sql.append(" order by created_at desc, id desc limit :limit");
		JdbcClient.StatementSpec spec = jdbc.sql(sql.toString()).param("limit", limit + 1);
		if (!after.isEmpty()) {
			try {
				spec = spec.param("at", Timestamp.from(Instant.parse(after.get(0))))
					.param("id", UUID.fromString(after.get(1)));
			}
			catch (RuntimeException ex) {
				throw io.atrium.shared.InvalidInput.of("cursor", "is not a cursor this list issued");
			}
		}
		List<SegmentRow> rows = spec.query(this::row).list();
		List<SegmentRow> items = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
		String next = rows.size() > limit
				? Cursor.encode(items.get(items.size() - 1).createdAt().toString(), items.get(items.size() - 1).id().toString())
				: null;
		return new Page<>(items, next);
	}

	/** A past size. */
	record SizeAt(Instant at, int size) {
	}

	List<SizeAt> history(UUID id, int limit) {
		return jdbc.sql("select at, size from segment_size_history where segment_id = :id order by at desc limit :limit")
			.param("id", id)
			.param("limit", limit)
			.query((rs, n) -> new SizeAt(instant(rs, "at"), rs.getInt("size")))
			.list();
	}

	private SegmentRow row(ResultSet rs, int n) throws SQLException {
		String rule = rs.getString("rule");
		return new SegmentRow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
				rs.getString("type"), rule == null ? null : json.readTree(rule), rs.getString("status"), rs.getInt("size"),
				instant(rs, "last_computed_at"), rs.getString("created_by"), instant(rs, "created_at"),
				instant(rs, "updated_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
