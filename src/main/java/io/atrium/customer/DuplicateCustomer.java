package io.atrium.customer;

import io.atrium.shared.Conflict;

/**
 * A profile with the requested external id exists already.
 */
class DuplicateCustomer extends Conflict {

	DuplicateCustomer(String detail) {
		super("duplicate-customer", detail);
	}
}
