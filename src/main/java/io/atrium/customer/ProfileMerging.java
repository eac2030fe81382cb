package io.atrium.customer;

import java.time.Clock;
import java.time.Instant;

import io.atrium.shared.CustomerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Folds one profile into another when they turn out to be the same person: the survivor takes the absorbed
 * profile's identities, a copy of its consent history (the absorbed ledger stays as it was, the ledger being
 * append-only), its typed fields where the survivor has none, and its traits where the survivor lacks the
 * key. The absorbed profile keeps its row with status {@code merged} and {@code merged_into} set, and
 * {@link CustomersMerged} is published in the same transaction.
 */
@Component
class ProfileMerging {

	private static final Logger log = LoggerFactory.getLogger(ProfileMerging.class);

	private final Customers customers;

	private final Identities identities;

	private final ConsentLedger consents;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ProfileMerging(Customers customers, Identities identities, ConsentLedger consents,
			ApplicationEventPublisher events, Clock clock) {
		this.customers = customers;
		this.identities = identities;
		this.consents = consents;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void merge(CustomerId absorbed, CustomerId survivor) {
		if (absorbed.equals(survivor)) {
			return;
		}
		boolean absorbedFirst = absorbed.value().compareTo(survivor.value()) < 0;
		CustomerRow first = customers.lock(absorbedFirst ? absorbed : survivor).orElseThrow();
		CustomerRow second = customers.lock(absorbedFirst ? survivor : absorbed).orElseThrow();
		CustomerRow absorbedRow = absorbedFirst ? first : second;
		CustomerRow survivorRow = absorbedFirst ? second : first;
		if (absorbedRow.merged() || survivorRow.merged()) {
			throw new IllegalStateException("A merged profile cannot take part in another merge");
		}
		Instant now = clock.instant();
		customers.update(survivorRow.absorbing(absorbedRow), now);
		identities.moveAll(absorbed, survivor);
		consents.copyAll(absorbed, survivor, now);
		customers.update(absorbedRow.mergedInto(survivor), now);
		customers.repointMerged(absorbed, survivor);
		events.publishEvent(new CustomersMerged(absorbed, survivor));
		log.info("Merged customer {} into {}", absorbed, survivor);
	}
}
