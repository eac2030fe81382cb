package io.atrium.messaging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.atrium.customer.CustomerErased;
import io.atrium.customer.PersonalDataSection;
import io.atrium.shared.CustomerId;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The messaging module's part in privacy: exports every message sent (or refused) to the person with its tracked
 * links; in erasure, subjects were merged with the person's name and tracked links may carry personal data in
 * their query, so both go in the erasing transaction; the delivery log keeps only channel, status and times for
 * the anonymous profile.
 */
@Component
class MessagePrivacy implements PersonalDataSection {

	private final JdbcClient jdbc;

	MessagePrivacy(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One message as stored, with the targets of its tracked links. */
	record ExportedMessage(UUID id, String channel, String templateId, String subject, String status, String reason,
			Instant createdAt, Instant sentAt, Instant openedAt, Instant clickedAt, List<String> links) {
	}

	@Override
	public String name() {
		return "messages";
	}

	@Override
	public Object export(CustomerId customer) {
		List<ExportedMessage> messages = jdbc.sql("""
				select m.id, m.channel, m.template_id, m.subject, m.status, m.reason, m.created_at, m.sent_at, m.opened_at,
				       m.clicked_at,
				       array(select l.url from message_link l where l.message_id = m.id and l.url is not null order by l.url)
				from message m where m.customer_id = :customer order by m.created_at, m.id
				""")
			.param("customer", customer.value())
			.query((rs, n) -> new ExportedMessage(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), instant(rs.getObject(7, OffsetDateTime.class)),
					instant(rs.getObject(8, OffsetDateTime.class)), instant(rs.getObject(9, OffsetDateTime.class)),
					instant(rs.getObject(10, OffsetDateTime.class)), List.of((String[]) rs.getArray(11).getArray())))
			.list();
		return messages;
	}

	@EventListener
	void on(CustomerErased erased) {
		jdbc.sql("""
				update message_link set url = null
				where message_id in (select id from message where customer_id = :customer)
				""").param("customer", erased.id().value()).update();
		jdbc.sql("update message set subject = null, reason = null where customer_id = :customer")
			.param("customer", erased.id().value())
			.update();
	}

	private static Instant instant(OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}
}
