package io.atrium.customer;

import io.atrium.shared.Problem;

/**
 * A conditional update ({@code If-Match}) named a version the profile no longer has (412).
 */
class CustomerChanged extends Problem {

	CustomerChanged(String detail) {
		super(412, "customer-changed", detail);
	}
}
