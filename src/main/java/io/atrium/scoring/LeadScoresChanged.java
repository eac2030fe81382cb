package io.atrium.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.atrium.shared.CustomerId;

/**
 * Customers' lead scores changed. Published once per scoring transaction (one touchpoint, one explicit score, one
 * chunk of batch rescoring) with the new values of every customer whose scores moved; customers whose scores
 * stayed the same are left out. Segments keep their own copy of the scores from it.
 *
 * @param changes one entry per customer, never empty, at most one per customer
 */
public record LeadScoresChanged(List<Change> changes) {

	public LeadScoresChanged {
		changes = List.copyOf(changes);
		if (changes.isEmpty()) {
			throw new IllegalArgumentException("changes must not be empty");
		}
	}

	/**
	 * A customer's scores after a change, each 0–100 with 4 decimals.
	 *
	 * @param customerId the customer, never {@code null}
	 * @param composite the weighted combination
	 * @param behavioral touchpoint types and frequency with time decay
	 * @param demographic profile completeness and fit
	 * @param engagement responsiveness to messages
	 * @param predictive model probability × 100 (0 without an active model)
	 * @param leadQuality {@code cold}, {@code warm}, {@code qualified} or {@code hot}
	 * @param occurredAt when the scores were computed, never {@code null}
	 */
	public record Change(CustomerId customerId, double composite, double behavioral, double demographic,
			double engagement, double predictive, String leadQuality, Instant occurredAt) {

		public Change {
			Objects.requireNonNull(customerId, "customerId");
			Objects.requireNonNull(occurredAt, "occurredAt");
		}
	}
}
