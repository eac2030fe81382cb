package io.atrium.customer;

import io.atrium.shared.CustomerId;

/**
 * A module's share of a person's data export ({@code POST /api/privacy/export/{customer_id}}): every row it
 * keeps about the profile. Modules contribute a bean; the customer module never depends on them.
 */
public interface PersonalDataSection {

	/**
	 * @return the section's key in the export, snake_case, e.g. {@code touchpoints}
	 */
	String name();

	/**
	 * @param customer the person's profile, never {@code null}
	 * @return every row the module keeps about the profile (records, lists, maps), never {@code null}
	 */
	Object export(CustomerId customer);
}
