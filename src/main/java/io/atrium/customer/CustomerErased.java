package io.atrium.customer;

import io.atrium.shared.CustomerId;

/**
 * A person's personal data was erased at their request. Published inside the erasing transaction and handled
 * synchronously (plain {@code @EventListener}) by every module holding personal data about the profile, so that
 * the erasure is complete, or not at all, when the API answers. Listeners remove or irreversibly overwrite that
 * data and keep anonymous aggregates.
 *
 * @param id the erased profile, never {@code null}
 */
public record CustomerErased(CustomerId id) {
}
