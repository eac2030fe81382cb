package io.atrium.scoring;

import java.time.Instant;

import io.atrium.shared.CustomerId;

/**
 * A lead's qualification changed (for example from {@code lead} to {@code mql}, or from {@code sql} back to
 * {@code mql}). Published in the transaction that stored the change; automation reacts to it.
 *
 * @param customerId the customer, never {@code null}
 * @param previous {@code lead}, {@code mql} or {@code sql}
 * @param qualification the new one: {@code lead}, {@code mql} or {@code sql}
 * @param rule the name of the qualification rule that decided it, e.g. {@code mql-composite}
 * @param compositeScore the composite score (0–100) at that moment
 * @param occurredAt when, never {@code null}
 */
public record LeadQualified(CustomerId customerId, String previous, String qualification, String rule,
		double compositeScore, Instant occurredAt) {
}
