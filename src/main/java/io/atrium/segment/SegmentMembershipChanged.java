package io.atrium.segment;

import java.time.Instant;
import java.util.UUID;

import io.atrium.shared.CustomerId;

/**
 * A customer entered or left a segment. Published in the transaction that changed the membership; automation
 * triggers listen to it.
 *
 * @param segmentId the segment, never {@code null}
 * @param customerId the customer, never {@code null}
 * @param change whether the customer entered or left
 * @param at when the membership changed
 */
public record SegmentMembershipChanged(UUID segmentId, CustomerId customerId, Change change, Instant at) {

	/** The direction of a membership change. */
	public enum Change {

		/** The customer became a member. */
		ENTERED,

		/** The customer stopped being a member. */
		LEFT
	}
}
