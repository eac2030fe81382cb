package io.atrium.segment;

import java.time.Clock;
import java.time.LocalDate;

import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerProfileChanged;
import io.atrium.customer.CustomersMerged;
import io.atrium.customer.CustomersUnmerged;
import io.atrium.shared.CustomerId;
import io.atrium.tracking.TouchpointRecorded;
import io.atrium.tracking.TouchpointsRecorded;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the module's own facts from other modules' events and re-evaluates only the customer concerned.
 */
@Component
class SegmentFeed {

	private final SegmentFacts facts;

	private final SegmentEvaluation evaluation;

	private final CustomerDirectory directory;

	private final Clock clock;

	SegmentFeed(SegmentFacts facts, SegmentEvaluation evaluation, CustomerDirectory directory, Clock clock) {
		this.facts = facts;
		this.evaluation = evaluation;
		this.directory = directory;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(TouchpointsRecorded recorded) {
		recorded.byCustomer().forEach(this::apply);
	}

	private void apply(TouchpointRecorded touchpoint) {
		if (!facts.hasProfile(touchpoint.customerId())) {
			refreshProfile(touchpoint.customerId());
		}
		facts.addTouchpoints(touchpoint.customerId(), touchpoint.touchpointType(),
				LocalDate.ofInstant(touchpoint.occurredAt(), evaluation.zone()), 1, touchpoint.amount());
		evaluation.evaluate(touchpoint.customerId(), clock.instant());
	}

	@ApplicationModuleListener
	void on(CustomerProfileChanged changed) {
		refreshProfile(changed.id());
		evaluation.evaluate(changed.id(), clock.instant());
	}

	@ApplicationModuleListener
	void on(CustomersMerged merged) {
		facts.moveFacts(merged.merged(), merged.survivor());
		refreshProfile(merged.merged());
		refreshProfile(merged.survivor());
		evaluation.evaluate(merged.merged(), clock.instant());
		evaluation.evaluate(merged.survivor(), clock.instant());
	}

	/**
	 * The restored profile comes back with its own profile facts; touchpoint facts moved to the survivor stay
	 * summed there until the next backfill (they are daily aggregates and cannot be split back).
	 */
	@ApplicationModuleListener
	void on(CustomersUnmerged unmerged) {
		refreshProfile(unmerged.restored());
		refreshProfile(unmerged.survivor());
		evaluation.evaluate(unmerged.restored(), clock.instant());
		evaluation.evaluate(unmerged.survivor(), clock.instant());
	}

	private void refreshProfile(CustomerId id) {
		directory.profileFacts(id).ifPresent(facts::saveProfile);
	}
}
