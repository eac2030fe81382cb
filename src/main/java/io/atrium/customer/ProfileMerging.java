package io.atrium.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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

	private final MergeJournal journal;

	private final Clock clock;

	ProfileMerging(Customers customers, Identities identities, ConsentLedger consents,
			ApplicationEventPublisher events, MergeJournal journal, Clock clock) {
		this.customers = customers;
		this.identities = identities;
		this.consents = consents;
		this.events = events;
		this.journal = journal;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void merge(CustomerId absorbed, CustomerId survivor) {
		merge(absorbed, survivor, "system");
	}

	/**
	 * Merges {@code absorbed} into {@code survivor}, recording in the merge journal exactly what moved.
	 * @param actor who asked (user name, or {@code system} for identity resolution)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void merge(CustomerId absorbed, CustomerId survivor, String actor) {
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
		CustomerRow combined = survivorRow.absorbing(absorbedRow);
		customers.update(combined, now);
		List<Long> movedIdentities = identities.moveAll(absorbed, survivor);
		List<Long> copiedConsents = consents.copyAll(absorbed, survivor, now);
		customers.update(absorbedRow.mergedInto(survivor), now);
		List<UUID> repointed = customers.mergedInto(absorbed);
		customers.repointMerged(absorbed, survivor);
		List<String> addedTraits = absorbedRow.traits().keySet().stream()
			.filter(key -> !survivorRow.traits().containsKey(key))
			.sorted()
			.toList();
		journal.record(new MergeJournal.Entry(0, absorbed, survivor, absorbedRow.status(),
				filledFields(survivorRow, combined), addedTraits, movedIdentities, copiedConsents, repointed), now, actor);
		events.publishEvent(new CustomersMerged(absorbed, survivor));
		log.info("Merged customer {} into {}", absorbed, survivor);
	}

	/**
	 * Reverses the latest merge of {@code absorbed}: its identities, consents and profiles merged into it go back,
	 * the survivor loses exactly the fields and traits the merge filled (where they still hold the absorbed
	 * profile's values), and the absorbed profile gets its former status. {@link CustomersUnmerged} is published.
	 * @return the survivor
	 * @throws MergeNotReversible when {@code absorbed} is not merged or its survivor was merged further
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	CustomerId unmerge(CustomerId absorbed, String actor, String notMerged, String survivorMerged) {
		MergeJournal.Entry entry = journal.open(absorbed).orElseThrow(() -> new MergeNotReversible(notMerged));
		CustomerId survivor = entry.survivor();
		boolean absorbedFirst = absorbed.value().compareTo(survivor.value()) < 0;
		CustomerRow first = customers.lock(absorbedFirst ? absorbed : survivor).orElseThrow();
		CustomerRow second = customers.lock(absorbedFirst ? survivor : absorbed).orElseThrow();
		CustomerRow absorbedRow = absorbedFirst ? first : second;
		CustomerRow survivorRow = absorbedFirst ? second : first;
		if (!absorbedRow.merged()) {
			throw new MergeNotReversible(notMerged);
		}
		if (survivorRow.merged()) {
			throw new MergeNotReversible(survivorMerged);
		}
		Instant now = clock.instant();
		customers.update(survivorRow.without(entry.filledFields(), entry.addedTraits(), absorbedRow), now);
		identities.move(entry.movedIdentities(), survivor, absorbed);
		consents.removeCopies(survivor, entry.copiedConsents());
		customers.update(absorbedRow.restoredAs(entry.absorbedStatus()), now);
		customers.repoint(entry.repointed(), survivor, absorbed);
		journal.reversed(entry.id(), now, actor);
		events.publishEvent(new CustomersUnmerged(absorbed, survivor));
		log.info("Unmerged customer {} from {}", absorbed, survivor);
		return survivor;
	}

	private static List<String> filledFields(CustomerRow before, CustomerRow after) {
		List<String> filled = new java.util.ArrayList<>();
		for (String field : CustomerRow.FILLABLE) {
			if (!java.util.Objects.equals(before.field(field), after.field(field))) {
				filled.add(field);
			}
		}
		return filled;
	}
}
