package io.atrium.customer;

import io.atrium.shared.CustomerId;

/**
 * Two profiles were found to be one person: {@code merged} now points at {@code survivor}. Modules that
 * keep rows per customer move them to the survivor.
 *
 * @param merged the profile that was absorbed (its status is now {@code merged})
 * @param survivor the profile that remains
 */
public record CustomersMerged(CustomerId merged, CustomerId survivor) {
}
