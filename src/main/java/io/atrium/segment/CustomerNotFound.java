package io.atrium.segment;

import io.atrium.shared.NotFound;

/**
 * No customer (or no member of the segment) has the external id given (404).
 */
class CustomerNotFound extends NotFound {

	CustomerNotFound(String detail) {
		super("customer-not-found", detail);
	}
}
