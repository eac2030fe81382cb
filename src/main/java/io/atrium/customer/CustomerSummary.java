package io.atrium.customer;

import java.util.Map;

import io.atrium.shared.CustomerId;

/**
 * What other modules may read about a profile: ids, status, name, tier and custom traits. Email and phone are
 * deliberately absent (see {@link CustomerDirectory#contactPoints}).
 *
 * @param id the profile id
 * @param externalId the mall's customer id (for anonymous profiles {@code anon:<anonymous id>})
 * @param status {@code active}, {@code anonymous}, {@code merged} or {@code erased}
 * @param firstName or {@code null}
 * @param lastName or {@code null}
 * @param memberTier or {@code null}
 * @param traits custom traits, never {@code null}, unmodifiable
 */
public record CustomerSummary(CustomerId id, String externalId, String status, String firstName, String lastName,
		String memberTier, Map<String, Object> traits) {

	public CustomerSummary {
		traits = traits == null ? Map.of() : Map.copyOf(traits);
	}
}
