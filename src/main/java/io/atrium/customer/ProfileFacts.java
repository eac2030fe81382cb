package io.atrium.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import io.atrium.shared.CustomerId;

/**
 * The comparable facts of a profile, for modules that keep their own copy to select customers by (segments).
 * Names, email and phone are deliberately absent.
 *
 * @param id the profile id
 * @param status {@code active}, {@code anonymous}, {@code merged} or {@code erased}
 * @param city or {@code null}
 * @param gender or {@code null}
 * @param memberTier or {@code null}
 * @param birthDate or {@code null}
 * @param memberSince or {@code null}
 * @param createdAt when the profile was created
 * @param traits custom traits, never {@code null}
 * @param consents the current consent status per channel ({@code email → granted}), never {@code null}
 */
public record ProfileFacts(CustomerId id, String status, String city, String gender, String memberTier,
		LocalDate birthDate, LocalDate memberSince, Instant createdAt, Map<String, Object> traits,
		Map<String, String> consents) {

	public ProfileFacts {
		traits = traits == null ? Map.of() : Map.copyOf(traits);
		consents = consents == null ? Map.of() : Map.copyOf(consents);
	}
}
