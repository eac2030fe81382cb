package io.atrium.customer;

import java.time.OffsetDateTime;

/**
 * Body of {@code POST /api/customers/{customer_id}/consents}: one new ledger entry. {@code source} defaults to
 * {@code api}, {@code legal_basis} to {@code consent}, {@code occurred_at} to now.
 */
record RecordConsentRequest(String channel, String status, String source, String legalBasis,
		OffsetDateTime occurredAt) {
}
