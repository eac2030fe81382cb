package io.atrium.customer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.atrium.shared.CustomerId;
import io.atrium.shared.InvalidInput;

import org.springframework.stereotype.Service;

/**
 * Profile writes for other modules (automation's {@code update_field} step): one profile field or one custom trait,
 * through the same validation and change events as a PATCH of the profile. Setting a value it already has changes
 * nothing, so a repeated call is harmless.
 */
@Service
public class ProfileUpdates {

	/** The profile fields other modules may set. */
	public static final Set<String> FIELDS = Set.of("member_tier", "city", "locale");

	private final CustomerManagement management;

	ProfileUpdates(CustomerManagement management) {
		this.management = management;
	}

	/**
	 * @param customer a profile id (a merged one is followed to its survivor)
	 * @param field one of {@link #FIELDS}
	 * @param value the new value, {@code null} clears it
	 * @throws InvalidInput when the field is not settable or the value is invalid for it
	 */
	public void setField(CustomerId customer, String field, String value) {
		if (!FIELDS.contains(field)) {
			throw InvalidInput.of("field", "must be one of " + FIELDS);
		}
		Map<String, Object> patch = new LinkedHashMap<>();
		patch.put(field, value);
		management.patch(customer, patch);
	}

	/**
	 * @param customer a profile id (a merged one is followed to its survivor)
	 * @param key a custom trait key
	 * @param value a string, number or boolean; {@code null} removes the trait
	 * @throws InvalidInput when the key or value is not a valid trait
	 */
	public void setTrait(CustomerId customer, String key, Object value) {
		Map<String, Object> traits = new LinkedHashMap<>();
		traits.put(key, value);
		management.patch(customer, Map.of("traits", traits));
	}
}
