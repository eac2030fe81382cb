package io.atrium.customer;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of identifier a profile can hold. Personal ones (email, phone) are stored only as ciphertext;
 * all are found through their keyed blind index.
 */
enum IdentityKind {

	MEMBER_CARD("member_card", false), EMAIL("email", true), PHONE("phone", true), DEVICE_ID("device_id", false),
	ANONYMOUS_ID("anonymous_id", false);

	private final String code;

	private final boolean personal;

	IdentityKind(String code, boolean personal) {
		this.code = code;
		this.personal = personal;
	}

	/** @return the name stored in {@code customer_identity.kind} and shown to clients */
	String code() {
		return code;
	}

	/** @return whether values are personal data and kept only encrypted */
	boolean personal() {
		return personal;
	}

	static Optional<IdentityKind> of(String code) {
		return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
	}
}
