package io.atrium.tracking;

import java.util.List;

/**
 * Touchpoints were stored by one ingestion call (a single track, a batch, a Segment batch). Published once,
 * inside the storing transaction, with every touchpoint that call stored for the first time (replayed message
 * ids are left out), so listeners see each interaction exactly once.
 * <p>
 * One event per call rather than per touchpoint keeps the transactional outbox cheap: each listening module
 * costs one outbox row per call instead of one per touchpoint, which is what lets ingestion keep its rate
 * as more modules listen. History loaded with {@link TouchpointBulkLoad} publishes
 * {@link TouchpointsBulkLoaded} instead.
 *
 * @param touchpoints the new touchpoints in the order they were sent, never empty
 */
public record TouchpointsRecorded(List<TouchpointRecorded> touchpoints) {

	public TouchpointsRecorded {
		touchpoints = List.copyOf(touchpoints);
		if (touchpoints.isEmpty()) {
			throw new IllegalArgumentException("touchpoints must not be empty");
		}
	}

	/**
	 * The touchpoints ordered by customer id, each customer's in the order they were sent. Listeners that lock
	 * per-customer rows process them in this order, so that two batches sharing customers cannot deadlock.
	 * @return a new list, never empty
	 */
	public List<TouchpointRecorded> byCustomer() {
		return touchpoints.stream()
			.sorted(java.util.Comparator.comparing(touchpoint -> touchpoint.customerId().value()))
			.toList();
	}

	/**
	 * @param touchpoints one or more touchpoints
	 * @return the event
	 */
	public static TouchpointsRecorded of(TouchpointRecorded... touchpoints) {
		return new TouchpointsRecorded(List.of(touchpoints));
	}
}
