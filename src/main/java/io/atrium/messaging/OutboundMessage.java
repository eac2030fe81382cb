package io.atrium.messaging;

import io.atrium.shared.CustomerId;

/**
 * A message to send to one customer.
 *
 * @param idempotencyKey the sender's key: a second send with the same key sends nothing, never {@code null}
 * @param customerId the recipient, never {@code null}
 * @param channel {@code email}, {@code sms} or {@code push}
 * @param templateId a configured template id (unknown ids fall back to a bundle text)
 * @param subject the subject with merge fields (email), or {@code null}
 * @param campaignId attribution for touchpoints fed back, or {@code null}
 */
public record OutboundMessage(String idempotencyKey, CustomerId customerId, String channel, String templateId,
		String subject, String campaignId) {
}
