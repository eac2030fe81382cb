package io.atrium.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.atrium.shared.Actor;
import io.atrium.shared.Cursor;
import io.atrium.shared.Page;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the audit trail. Rows are never updated or deleted (a database trigger refuses it).
 * Modules record domain actions that are not plain requests (merges, erasures, scheduled sends) through
 * {@link #record}.
 */
@Service
public class AuditTrail {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final JsonMapper json;

	AuditTrail(JdbcClient jdbc, Clock clock, JsonMapper json) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.json = json;
	}

	/**
	 * Appends a row for a change the caller makes, in the caller's transaction: the row commits with the change and
	 * rolls back with it, so a {@code success} row never outlives a change that did not happen, and the write takes
	 * no second pooled connection. (Refusals and failures are recorded per request by the audit filter, in their
	 * own transaction.)
	 * @param actor who acted
	 * @param action what was done
	 * @param target what it was done to, may be {@code null}
	 * @param outcome {@code success}, {@code denied}, {@code rejected} or {@code failed}
	 * @param detail extra facts without personal data, may be empty
	 */
	@Transactional
	public void record(Actor actor, String action, String target, String outcome, Map<String, Object> detail) {
		insert(new AuditEntry(null, clock.instant(), actor.name(), actor.role(), action, target, outcome, null, null,
				detail));
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void insertInNewTransaction(AuditEntry entry) {
		insert(entry);
	}

	/**
	 * Writes rows kept in the {@link AuditSpool}, in one transaction, skipping any whose spool id is stored
	 * already (a replay that committed but could not delete its file, or two nodes replaying one file): a unique
	 * index on the spool id decides.
	 * @return rows written
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	int insertSpooled(List<AuditEntry> entries) {
		int written = 0;
		for (AuditEntry entry : entries) {
			written += jdbc.sql("""
					insert into audit_event (occurred_at, actor, role, action, target, outcome, status, request_id, detail)
					values (:at, :actor, :role, :action, :target, :outcome, :status, :requestId, cast(:detail as jsonb))
					on conflict ((detail ->> 'spool_id')) where (detail ->> 'spool_id') is not null do nothing
					""")
				.params(columns(entry))
				.update();
		}
		return written;
	}

	private void insert(AuditEntry entry) {
		jdbc.sql("""
				insert into audit_event (occurred_at, actor, role, action, target, outcome, status, request_id, detail)
				values (:at, :actor, :role, :action, :target, :outcome, :status, :requestId, cast(:detail as jsonb))
				""")
			.params(columns(entry))
			.update();
	}

	private java.util.Map<String, Object> columns(AuditEntry entry) {
		java.util.Map<String, Object> columns = new java.util.HashMap<>();
		columns.put("at", Timestamp.from(entry.occurredAt()));
		columns.put("actor", entry.actor());
		columns.put("role", entry.role());
		columns.put("action", entry.action());
		columns.put("target", entry.target());
		columns.put("outcome", entry.outcome());
		columns.put("status", entry.status());
		columns.put("requestId", entry.requestId());
		columns.put("detail", entry.detail() == null || entry.detail().isEmpty() ? null
				: json.writeValueAsString(entry.detail()));
		return columns;
	}

	/**
	 * Filters for {@link #find}; every field may be {@code null}.
	 *
	 * @param actor exact actor name
	 * @param action action prefix, e.g. {@code POST /api/customers}
	 * @param target target prefix
	 * @param outcome exact outcome
	 * @param from earliest time, inclusive
	 * @param to latest time, exclusive
	 */
	public record Filter(String actor, String action, String target, String outcome, Instant from, Instant to) {
	}

	/**
	 * @param filter what to match
	 * @param cursor from a previous page, or {@code null}
	 * @param limit page size
	 * @return matching rows, newest first
	 */
	public Page<AuditEntry> find(Filter filter, String cursor, int limit) {
		StringBuilder sql = new StringBuilder("select * from audit_event where true");
		List<Object> params = new ArrayList<>();
		if (filter.actor() != null) {
			sql.append(" and actor = ?");
			params.add(filter.actor());
		}
		if (filter.action() != null) {
			sql.append(" and action like ? escape '\\'");
			params.add(likePrefix(filter.action()));
		}
		if (filter.target() != null) {
			sql.append(" and target like ? escape '\\'");
			params.add(likePrefix(filter.target()));
		}
		if (filter.outcome() != null) {
			sql.append(" and outcome = ?");
			params.add(filter.outcome());
		}
		if (filter.from() != null) {
			sql.append(" and occurred_at >= ?");
			params.add(Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			sql.append(" and occurred_at < ?");
			params.add(Timestamp.from(filter.to()));
		}
		List<String> after = Cursor.decode(cursor, 1);
		if (!after.isEmpty()) {
			sql.append(" and id < ?");
			params.add(parseId(after.get(0)));
		}
		sql.append(" order by id desc limit ?");
		params.add(limit + 1);
		List<AuditEntry> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
			String detail = rs.getString("detail");
			@SuppressWarnings("unchecked")
			Map<String, Object> details = detail == null ? Map.of() : json.readValue(detail, Map.class);
			return new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("actor"), rs.getString("role"), rs.getString("action"), rs.getString("target"),
					rs.getString("outcome"), (Integer) rs.getObject("status"), rs.getString("request_id"), details);
		}).list();
		String next = null;
		if (rows.size() > limit) {
			rows = rows.subList(0, limit);
			next = Cursor.encode(Long.toString(rows.get(rows.size() - 1).id()));
		}
		return new Page<>(rows, next);
	}

	private static long parseId(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw io.atrium.shared.InvalidInput.of("cursor", "is not a cursor this list issued");
		}
	}

	private static String likePrefix(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}
}
