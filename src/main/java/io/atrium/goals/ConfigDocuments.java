package io.atrium.goals;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The current configuration documents and their change log (tables {@code config_document}, {@code config_change}). */
@Repository
class ConfigDocuments {

	/** One kept change. */
	record Change(long id, String kind, String actor, Instant changedAt, String before, String after,
			Long revertedChangeId) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	ConfigDocuments(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Optional<String> current(String kind) {
		return jdbc.sql("select body::text from config_document where kind = ?").param(kind).query(String.class).optional();
	}

	/** Stores the new body and logs the change; locks the document so concurrent writers serialise. */
	Change write(String kind, String body, String actor, Long revertedChangeId) {
		String before = jdbc.sql("select body::text from config_document where kind = ? for update")
			.param(kind)
			.query(String.class)
			.optional()
			.orElse(null);
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into config_document (kind, body, version, updated_at, updated_by) values (?, ?::jsonb, 1, ?, ?)
				on conflict (kind) do update set body = excluded.body, version = config_document.version + 1,
				    updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
			.params(kind, body, now, actor)
			.update();
		long id = jdbc.sql("""
				insert into config_change (kind, actor, changed_at, before, after, reverted_change_id)
				values (?, ?, ?, ?::jsonb, ?::jsonb, ?) returning id""")
			.params(kind, actor, now, before, body, revertedChangeId)
			.query(Long.class)
			.single();
		return change(id).orElseThrow();
	}

	Optional<Change> change(long id) {
		return jdbc.sql("select * from config_change where id = ?").param(id).query((rs, n) -> row(rs)).optional();
	}

	List<Change> changes(String kind, Long beforeId, int limit) {
		return jdbc.sql("""
				select * from config_change where (cast(? as text) is null or kind = ?) and (cast(? as bigint) is null or id < ?)
				order by id desc limit ?""")
			.params(kind, kind, beforeId, beforeId, limit)
			.query((rs, n) -> row(rs))
			.list();
	}

	private static Change row(java.sql.ResultSet rs) throws java.sql.SQLException {
		long reverted = rs.getLong("reverted_change_id");
		Long revertedChangeId = rs.wasNull() ? null : reverted; // before any other column is read
		return new Change(rs.getLong("id"), rs.getString("kind"), rs.getString("actor"),
				rs.getObject("changed_at", OffsetDateTime.class).toInstant(), rs.getString("before"),
				rs.getString("after"), revertedChangeId);
	}
}
