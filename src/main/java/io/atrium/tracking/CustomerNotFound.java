package io.atrium.tracking;

import io.atrium.shared.NotFound;

/**
 * No customer has the requested external id (reading touchpoints never creates customers).
 */
class CustomerNotFound extends NotFound {

	CustomerNotFound() {
		super("customer-not-found", "No customer with this id");
	}
}
