package io.atrium.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.atrium.shared.CustomerId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One customer's delivery log for modules that present it to people (the customer 360 page): the same rows as
 * {@code GET /api/messaging/messages?customer_id=…}, latest first. Read only.
 */
@Service
public class CustomerMessages {

	/** The most messages {@link #latest} returns. */
	public static final int MAX_MESSAGES = 100;

	private final Messages messages;

	CustomerMessages(Messages messages) {
		this.messages = messages;
	}

	/**
	 * One message in the delivery log.
	 *
	 * @param id the message
	 * @param channel {@code email}, {@code sms} or {@code push}
	 * @param templateId the template it used, or {@code null}
	 * @param subject the subject as sent, or {@code null}
	 * @param status {@code queued}, {@code sent}, {@code failed}, {@code refused}, {@code opened} or
	 *        {@code clicked}
	 * @param reason why it was refused or failed ({@code consent_missing}, {@code frequency_cap},
	 *        {@code no_contact_point}, {@code customer_not_contactable}, {@code refused_target: …},
	 *        {@code transient: …}), or {@code null}
	 * @param createdAt when it was logged
	 * @param sentAt when it went out, or {@code null}
	 */
	public record LoggedMessage(UUID id, String channel, String templateId, String subject, String status,
			String reason, Instant createdAt, Instant sentAt) {

		/** @return the reason's code without its detail ({@code refused_target} of {@code refused_target: …}) */
		public String reasonCode() {
			if (reason == null) {
				return null;
			}
			int colon = reason.indexOf(':');
			return colon < 0 ? reason : reason.substring(0, colon);
		}
	}

	/**
	 * @param customer the recipient, not {@code null}
	 * @param limit at most this many (1 to {@link #MAX_MESSAGES})
	 * @return the customer's messages, latest first, never {@code null}
	 */
	@Transactional(readOnly = true)
	public List<LoggedMessage> latest(CustomerId customer, int limit) {
		return messages.page(customer.value(), null, null, Math.max(1, Math.min(limit, MAX_MESSAGES)))
			.stream()
			.map(row -> new LoggedMessage(row.id(), row.channel(), row.templateId(), row.subject(), row.status(),
					row.reason(), row.createdAt(), row.sentAt()))
			.toList();
	}
}
