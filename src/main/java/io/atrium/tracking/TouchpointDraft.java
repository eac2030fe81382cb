package io.atrium.tracking;

import java.math.BigDecimal;
import java.time.Instant;

import io.atrium.shared.CustomerId;

/**
 * A validated touchpoint waiting to be stored: either the customer's external id (resolved, and created when
 * unknown, at store time) or an already resolved profile.
 *
 * @param externalId the mall's customer id, or {@code null} when {@code customerId} is given
 * @param customerId the profile, or {@code null} when {@code externalId} is given
 * @param metadataJson the metadata as a JSON object text, never {@code null}
 */
record TouchpointDraft(String externalId, CustomerId customerId, String type, String channel, Instant occurredAt,
		String messageId, String campaignId, String storeId, String location, BigDecimal amount, String currency,
		Integer rating, Integer durationSeconds, String metadataJson) {

	TouchpointDraft withCustomer(CustomerId resolved) {
		return new TouchpointDraft(externalId, resolved, type, channel, occurredAt, messageId, campaignId, storeId,
				location, amount, currency, rating, durationSeconds, metadataJson);
	}
}
