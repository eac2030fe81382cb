package io.atrium.journey;

import io.atrium.shared.NotFound;

/**
 * No segment has the requested id (until the segment module lands, only {@code all} exists).
 */
class SegmentNotFound extends NotFound {

	SegmentNotFound() {
		super("segment-not-found", "No segment with this id; use 'all' for all customers");
	}
}
