package io.atrium.customer;

import io.atrium.shared.Conflict;

/**
 * The profile is not merged, or its merge cannot be reversed now (its survivor was merged further) (409).
 */
class MergeNotReversible extends Conflict {

	MergeNotReversible(String detail) {
		super("merge-not-reversible", detail);
	}
}
