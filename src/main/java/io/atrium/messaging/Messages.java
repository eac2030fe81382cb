package io.atrium.messaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery log: one row per message, unique per sender idempotency key, and its tracking links.
 */
@Repository
class Messages {

	record Row(UUID id, String idempotencyKey, UUID customerId, String channel, String templateId, String subject,
			String status, String reason, Instant createdAt, Instant sentAt, Instant openedAt, Instant clickedAt) {
	}

	record Link(String token, UUID messageId, String kind, String url, UUID customerId, String campaign) {
	}

	private final JdbcClient jdbc;

	Messages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Row> findByKey(String key) {
		return jdbc.sql(select() + " where idempotency_key = :k").param("k", key).query(Messages::row).optional();
	}

	/** @return the new id, or empty when a message with this key already exists */
	Optional<UUID> insert(String key, CustomerId customer, String channel, String templateId, String subject,
			String status, String reason, Instant now) {
		return jdbc.sql("""
				insert into message (id, idempotency_key, customer_id, channel, template_id, subject, status, reason, created_at)
				values (:id, :k, :c, :ch, :t, :s, :st, :r, :now) on conflict (idempotency_key) do nothing returning id""")
			.param("id", UUID.randomUUID()).param("k", key).param("c", customer.value()).param("ch", channel)
			.param("t", templateId).param("s", subject).param("st", status).param("r", reason)
			.param("now", Timestamp.from(now)).query(UUID.class).optional();
	}

	boolean reclaimFailed(String key) {
		return jdbc.sql("""
				update message set status = 'queued', reason = null, attempted_at = now()
				where idempotency_key = :k and status = 'failed'""").param("k", key).update() == 1;
	}

	/** Takes over a message still queued after its attempt's lease (database time) expired. */
	boolean reclaimQueued(String key, java.time.Duration lease) {
		return jdbc.sql("""
				update message set attempted_at = now() where idempotency_key = :k and status = 'queued'
				and attempted_at < now() - make_interval(secs => :lease)""")
			.param("k", key).param("lease", lease.toMillis() / 1000.0).update() == 1;
	}

	void markRefused(UUID id, String reason) {
		jdbc.sql("update message set status = 'refused', reason = :r where id = :id").param("id", id)
			.param("r", reason).update();
	}

	void markSent(UUID id, Instant now) {
		jdbc.sql("update message set status = 'sent', sent_at = :now, reason = null where id = :id")
			.param("id", id).param("now", Timestamp.from(now)).update();
	}

	void markFailed(UUID id, String reason) {
		jdbc.sql("update message set status = 'failed', reason = :r where id = :id").param("id", id).param("r", reason)
			.update();
	}

	/** @return whether this was the first open */
	boolean markOpened(UUID id, Instant now) {
		return jdbc.sql("""
				update message set opened_at = :now, status = case when status = 'sent' then 'opened' else status end
				where id = :id and opened_at is null""").param("id", id).param("now", Timestamp.from(now)).update() == 1;
	}

	/** @return whether this was the first click */
	boolean markClicked(UUID id, Instant now) {
		return jdbc.sql("""
				update message set clicked_at = :now, status = 'clicked', opened_at = coalesce(opened_at, :now)
				where id = :id and clicked_at is null""").param("id", id).param("now", Timestamp.from(now)).update() == 1;
	}

	/** @param except a message not to count (the one being re-attempted), or {@code null} */
	int sentSince(CustomerId customer, Instant since, UUID except) {
		return jdbc.sql("""
				select count(*) from message where customer_id = :c and created_at >= :since
				and status in ('queued', 'sent', 'opened', 'clicked') and id is distinct from :except""")
			.param("c", customer.value()).param("since", Timestamp.from(since)).param("except", except)
			.query(Integer.class).single();
	}

	void insertLink(String token, UUID messageId, String kind, String url) {
		jdbc.sql("insert into message_link (token, message_id, kind, url) values (:t, :m, :k, :u)")
			.param("t", token).param("m", messageId).param("k", kind).param("u", url).update();
	}

	Optional<Link> link(String token) {
		return jdbc.sql("""
				select l.token, l.message_id, l.kind, l.url, m.customer_id, m.template_id as campaign
				from message_link l join message m on m.id = l.message_id where l.token = :t""")
			.param("t", token).query((rs, n) -> new Link(rs.getString("token"), rs.getObject("message_id", UUID.class), rs.getString("kind"),
					rs.getString("url"), rs.getObject("customer_id", UUID.class), rs.getString("campaign"))).optional();
	}

	List<Row> page(UUID customer, Instant beforeCreated, UUID beforeId, int limit) {
		String where = customer == null ? " where true" : " where customer_id = :c";
		if (beforeCreated != null) {
			where += " and (created_at, id) < (:bc, :bi)";
		}
		var spec = jdbc.sql(select() + where + " order by created_at desc, id desc limit :limit").param("limit", limit);
		if (customer != null) {
			spec = spec.param("c", customer);
		}
		if (beforeCreated != null) {
			spec = spec.param("bc", Timestamp.from(beforeCreated)).param("bi", beforeId);
		}
		return spec.query(Messages::row).list();
	}

	private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getString("idempotency_key"),
				rs.getObject("customer_id", UUID.class), rs.getString("channel"), rs.getString("template_id"),
				rs.getString("subject"), rs.getString("status"), rs.getString("reason"), instant(rs, "created_at"),
				instant(rs, "sent_at"), instant(rs, "opened_at"), instant(rs, "clicked_at"));
	}

	private static String select() {
		return """
				select id, idempotency_key, customer_id, channel, template_id, subject, status, reason, created_at, sent_at,
				       opened_at, clicked_at from message""";
	}
}
