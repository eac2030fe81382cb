package io.atrium.messaging;

import io.atrium.customer.CustomerErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The messaging module's part in erasure: subjects were merged with the person's name and tracked links may
 * carry personal data in their query, so both go in the erasing transaction; the delivery log keeps only
 * channel, status and times for the anonymous profile.
 */
@Component
class MessagePrivacy {

	private final JdbcClient jdbc;

	MessagePrivacy(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
}
