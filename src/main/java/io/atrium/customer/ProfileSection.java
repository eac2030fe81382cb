package io.atrium.customer;

import io.atrium.shared.CustomerId;

/**
 * A part of the 360° profile ({@code GET /api/customers/{customer_id}/profile}) that another module owns, such as
 * segments or the latest touchpoints. Modules contribute a bean; the customer module never depends on them.
 */
public interface ProfileSection {

	/**
	 * @return the section's key in the profile JSON, snake_case, e.g. {@code segments}
	 */
	String name();

	/**
	 * @param customer the profile shown, never {@code null}
	 * @return the section's content (records, lists, maps), never {@code null}; no decrypted PII
	 */
	Object of(CustomerId customer);
}
