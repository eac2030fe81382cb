package io.atrium.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code job} table. Liveness ({@code heartbeat_at}) uses the database's clock, shared by all nodes and
 * never pinned; the business times (created, started, finished) come from the application's {@code Clock}.
 */
@Repository
class JobRows {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final String COLUMNS = "id, kind, status, done, total, message, parameters, result, created_by, "
			+ "created_at, started_at, finished_at";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	JobRows(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(UUID id, String kind, Map<String, Object> parameters, String createdBy, Instant createdAt) {
		jdbc.sql("""
				insert into job (id, kind, status, parameters, created_by, created_at, heartbeat_at)
				values (:id, :kind, 'queued', cast(:parameters as jsonb), :createdBy, :createdAt, now())
				""")
			.param("id", id)
			.param("kind", kind)
			.param("parameters", json.writeValueAsString(parameters))
			.param("createdBy", createdBy)
			.param("createdAt", Timestamp.from(createdAt))
			.update();
	}

	/** Serialises starts of one kind across all nodes until the caller's transaction ends. */
	void lockKind(String kind) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", "job:" + kind).query().singleRow();
	}

	Optional<UUID> active(String kind) {
		return jdbc.sql("select id from job where kind = :kind and status in ('queued', 'running') limit 1")
			.param("kind", kind)
			.query(UUID.class)
			.optional();
	}

	void started(UUID id, Instant at) {
		jdbc.sql("update job set status = 'running', started_at = :at, heartbeat_at = now() where id = :id")
			.param("id", id)
			.param("at", Timestamp.from(at))
			.update();
	}

	/**
	 * Progress is written in a transaction of its own: it must show while the work goes on, and the work may be
	 * running in a read-only transaction (a rebuild streaming history).
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void progressed(UUID id, long done, Long total, String message) {
		jdbc.sql("update job set done = :done, total = :total, message = :message, heartbeat_at = now() where id = :id")
			.param("id", id)
			.param("done", done)
			.param("total", total)
			.param("message", message)
			.update();
	}

	void succeeded(UUID id, long done, Long total, String message, Map<String, Object> result, Instant at) {
		jdbc.sql("""
				update job set status = 'succeeded', done = :done, total = :total, message = :message,
				    result = cast(:result as jsonb), finished_at = :at
				where id = :id
				""")
			.param("id", id)
			.param("done", done)
			.param("total", total)
			.param("message", message)
			.param("result", result == null ? null : json.writeValueAsString(result))
			.param("at", Timestamp.from(at))
			.update();
	}

	void failed(UUID id, long done, Long total, String message, Instant at) {
		jdbc.sql("""
				update job set status = 'failed', done = :done, total = :total, message = :message, finished_at = :at
				where id = :id
				""")
			.param("id", id)
			.param("done", done)
			.param("total", total)
			.param("message", message)
			.param("at", Timestamp.from(at))
			.update();
	}

	void heartbeat(Collection<UUID> ids) {
		if (!ids.isEmpty()) {
			jdbc.sql("update job set heartbeat_at = now() where id = any(:ids) and status in ('queued', 'running')")
				.param("ids", ids.toArray(UUID[]::new))
				.update();
		}
	}

	void interrupted(Collection<UUID> ids, String message, Instant at) {
		jdbc.sql("""
				update job set status = 'failed', message = :message, finished_at = :at
				where id = any(:ids) and status in ('queued', 'running')
				""")
			.param("ids", ids.toArray(UUID[]::new))
			.param("message", message)
			.param("at", Timestamp.from(at))
			.update();
	}

	/**
	 * @return how many queued or running jobs without a heartbeat for the given time were marked failed
	 */
	int failStale(int staleAfterSeconds, String message, Instant at) {
		return jdbc.sql("""
				update job set status = 'failed', message = :message, finished_at = :at
				where status in ('queued', 'running')
				  and coalesce(heartbeat_at, '-infinity') < now() - make_interval(secs => :seconds)
				""")
			.param("message", message)
			.param("at", Timestamp.from(at))
			.param("seconds", staleAfterSeconds)
			.update();
	}

	Optional<JobView> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from job where id = :id").param("id", id).query(this::view).optional();
	}

	List<JobView> newestFirst(Instant beforeCreatedAt, UUID beforeId, int limit) {
		if (beforeCreatedAt == null) {
			return jdbc.sql("select " + COLUMNS + " from job order by created_at desc, id desc limit :limit")
				.param("limit", limit)
				.query(this::view)
				.list();
		}
		return jdbc.sql("select " + COLUMNS + " from job where (created_at, id) < (:createdAt, :id) "
				+ "order by created_at desc, id desc limit :limit")
			.param("createdAt", Timestamp.from(beforeCreatedAt))
			.param("id", beforeId)
			.param("limit", limit)
			.query(this::view)
			.list();
	}

	private JobView view(ResultSet rs, int row) throws SQLException {
		String status = rs.getString("status");
		long done = rs.getLong("done");
		Long total = rs.getObject("total", Long.class);
		return new JobView(rs.getObject("id", UUID.class), rs.getString("kind"), status, done, total,
				JobView.percent(status, done, total), rs.getString("message"), map(rs.getString("parameters")),
				map(rs.getString("result")), rs.getString("created_by"), instant(rs, "created_at"),
				instant(rs, "started_at"), instant(rs, "finished_at"));
	}

	private Map<String, Object> map(String text) {
		return text == null ? null : json.readValue(text, MAP);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}
}
