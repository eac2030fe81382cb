package io.atrium.tracking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.atrium.shared.CustomerId;

/**
 * A touchpoint was stored: one element of {@link TouchpointsRecorded}, the event ingestion publishes once per
 * call with every new touchpoint of that call.
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
