package io.atrium.segment;

import io.atrium.shared.NotFound;

/**
 * No segment has the id given (404).
 */
class SegmentNotFound extends NotFound {

	SegmentNotFound(String detail) {
		super("segment-not-found", detail);
	}
}
