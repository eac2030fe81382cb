package io.atrium.customer;

import io.atrium.shared.NotFound;

/**
 * No profile has the external id a client addressed.
 */
class CustomerNotFound extends NotFound {

	CustomerNotFound(String detail) {
		super("customer-not-found", detail);
	}
}
