package io.atrium.journey;

import java.time.Instant;
import java.util.UUID;

import io.atrium.shared.CustomerId;

/**
 * One stored stage change.
 *
 * @param from {@code null} when the journey began
 * @param touchpointId {@code null} for time-based regressions and merges
 */
record StageTransition(UUID id, CustomerId customerId, Stage from, Stage to, String reason, UUID touchpointId,
		Instant occurredAt) {

	LifecycleStageChanged event() {
		return new LifecycleStageChanged(customerId, from, to, reason, touchpointId, occurredAt);
	}
}
