package io.atrium.customer;

import java.util.List;

import io.atrium.shared.Problem;

/**
 * An email, phone or member card given for one profile already identifies another profile. The field is
 * named; the value never appears in the message.
 */
class IdentityTaken extends Problem {

	IdentityTaken(String field, String detail) {
		super(409, "identity-taken", detail, List.of(new FieldError(field, detail)));
	}
}
