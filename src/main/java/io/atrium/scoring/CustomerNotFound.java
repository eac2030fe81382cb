package io.atrium.scoring;

import io.atrium.shared.NotFound;

/**
 * No customer has the requested id.
 */
class CustomerNotFound extends NotFound {

	CustomerNotFound() {
		super("customer-not-found", "No customer with this id");
	}
}
