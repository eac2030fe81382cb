package io.atrium.customer;

import io.atrium.shared.CustomerId;

/**
 * A merge was reversed: {@code restored} is its own profile again and {@code survivor} is as it was before the
 * merge. Modules that moved rows to the survivor on {@link CustomersMerged} move exactly those rows back.
 *
 * @param restored the profile that had been absorbed, now active (or anonymous) again
 * @param survivor the profile it had been merged into
 */
public record CustomersUnmerged(CustomerId restored, CustomerId survivor) {
}
