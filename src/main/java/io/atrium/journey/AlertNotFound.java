package io.atrium.journey;

import io.atrium.shared.NotFound;

/**
 * No churn alert has the requested id.
 */
class AlertNotFound extends NotFound {

	AlertNotFound() {
		super("alert-not-found", "No churn alert with this id");
	}
}
