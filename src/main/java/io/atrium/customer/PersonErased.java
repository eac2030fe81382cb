package io.atrium.customer;

import io.atrium.shared.Conflict;

/**
 * The email or phone given belongs to a person erased at their request; they are not re-created (409).
 */
class PersonErased extends Conflict {

	PersonErased(String detail) {
		super("person-erased", detail);
	}
}
