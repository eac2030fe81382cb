package io.atrium.tracking;

import io.atrium.shared.NotFound;

/**
 * No store has the requested id.
 */
class StoreNotFound extends NotFound {

	StoreNotFound() {
		super("store-not-found", "No store with this id");
	}
}
