package io.atrium.tracking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.atrium.shared.CustomerId;

/**
 * A touchpoint was stored. Published inside the storing transaction for every touchpoint that is new (a
 * replayed message id publishes nothing), so listeners see each interaction exactly once. History loaded with
 * {@link TouchpointBulkLoad} publishes no events.
 *
 * @param touchpointId the touchpoint's id, never {@code null}
 * @param customerId the profile it belongs to, never {@code null}
 * @param touchpointType one of the allowed types, e.g. {@code store_visit}, or {@code custom_event}
 * @param channel e.g. {@code web}, {@code store}, {@code email}
 * @param occurredAt when it happened, never {@code null}
 * @param amount money spent (purchases), or {@code null}
 * @param campaignId the campaign it is attributed to, or {@code null}
 * @param storeId the store it happened in, or {@code null}
 */
public record TouchpointRecorded(UUID touchpointId, CustomerId customerId, String touchpointType, String channel,
		Instant occurredAt, BigDecimal amount, String campaignId, String storeId) {
}
