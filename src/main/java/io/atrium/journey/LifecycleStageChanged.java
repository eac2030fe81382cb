package io.atrium.journey;

import java.time.Instant;
import java.util.UUID;

import io.atrium.shared.CustomerId;

/**
 * A customer's lifecycle stage changed (promotion or regression). Published in the transaction that records the
 * transition; journeys rebuilt from history publish nothing.
 *
 * @param customerId whose stage changed, never {@code null}
 * @param from the stage before, or {@code null} when the journey began
 * @param to the stage now, never {@code null}
 * @param reason the rule that fired, e.g. {@code repeat_purchase_within_window} or {@code lapsed}
 * @param touchpointId the touchpoint that triggered it, or {@code null} for time-based regressions
 * @param occurredAt when the transition took effect
 */
public record LifecycleStageChanged(CustomerId customerId, Stage from, Stage to, String reason, UUID touchpointId,
		Instant occurredAt) {
}
