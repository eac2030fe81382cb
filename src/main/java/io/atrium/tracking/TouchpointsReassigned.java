package io.atrium.tracking;

import java.util.Objects;

import io.atrium.shared.CustomerId;

/**
 * Stored touchpoints changed owner: a merge moved the absorbed profile's touchpoints to the survivor, or an unmerge
 * moved exactly those back. Published in the transaction that moved them, after the move, so modules deriving
 * per-customer state from history can rebuild it for exactly these two customers from {@link TouchpointHistory}.
 *
 * @param from the profile the touchpoints left, never {@code null}
 * @param to the profile that holds them now, never {@code null}
 * @param count how many touchpoints moved
 */
public record TouchpointsReassigned(CustomerId from, CustomerId to, int count) {

	public TouchpointsReassigned {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
	}
}
