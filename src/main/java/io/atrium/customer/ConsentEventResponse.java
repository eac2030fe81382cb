package io.atrium.customer;

import java.time.Instant;

import io.atrium.customer.ConsentLedger.ConsentEntry;

/**
 * One entry of a customer's consent ledger as the API shows it.
 */
record ConsentEventResponse(long id, String channel, String status, String source, String legalBasis,
		Instant occurredAt, Instant recordedAt, String actor) {

	static ConsentEventResponse of(ConsentEntry entry) {
		return new ConsentEventResponse(entry.id(), entry.channel(), entry.status(), entry.source(),
				entry.legalBasis(), entry.occurredAt(), entry.recordedAt(), entry.actor());
	}
}
