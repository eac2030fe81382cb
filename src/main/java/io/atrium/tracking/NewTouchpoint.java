package io.atrium.tracking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.atrium.shared.CustomerId;

/**
 * One historical touchpoint for {@link TouchpointBulkLoad}: already resolved to a profile and already valid.
 *
 * @param id the touchpoint id; {@code null} gets a new time-ordered (UUID version 7) id, which keeps the
 * primary-key index append-only during big loads
 * @param customerId the profile, never {@code null}
 * @param touchpointType e.g. {@code store_visit}, never {@code null}
 * @param channel e.g. {@code store}, never {@code null}
 * @param occurredAt when it happened, never {@code null}
 * @param source where it came from, e.g. {@code demo}; {@code null} means {@code bulk}
 * @param messageId deduplication id (unique across all touchpoints), or {@code null}
 * @param campaignId or {@code null}
 * @param storeId or {@code null}
 * @param location or {@code null}
 * @param amount at most 12 integer and 2 fraction digits, or {@code null}
 * @param currency ISO 4217 code, or {@code null}
 * @param rating 1–5, or {@code null}
 * @param durationSeconds or {@code null}
 * @param metadata free-form values kept as jsonb; {@code null} means empty
 */
public record NewTouchpoint(UUID id, CustomerId customerId, String touchpointType, String channel, Instant occurredAt,
		String source, String messageId, String campaignId, String storeId, String location, BigDecimal amount,
		String currency, Integer rating, Integer durationSeconds, Map<String, Object> metadata) {
}
