package io.atrium.customer;

import io.atrium.shared.CustomerId;

/**
 * A profile's typed fields, traits, status or consents changed (or the profile was created). Carries only the
 * id: listeners read what they need through {@link CustomerDirectory#profileFacts(CustomerId)}. Bulk loads
 * publish nothing; modules rebuild from {@link CustomerDirectory#streamProfileFacts} after them.
 *
 * @param id the profile that changed, never {@code null}
 */
public record CustomerProfileChanged(CustomerId id) {
}
