package io.atrium.segment;

import io.atrium.shared.Conflict;

/**
 * The segment is archived; it can be read but no longer changed (409).
 */
class SegmentArchived extends Conflict {

	SegmentArchived(String detail) {
		super("segment-archived", detail);
	}
}
