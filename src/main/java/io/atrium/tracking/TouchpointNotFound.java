package io.atrium.tracking;

import io.atrium.shared.NotFound;

/**
 * No touchpoint has the requested id.
 */
class TouchpointNotFound extends NotFound {

	TouchpointNotFound(String id) {
		super("touchpoint-not-found", "No touchpoint with id " + id);
	}
}
