package io.atrium.segment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerProfileChanged;
import io.atrium.customer.CustomersMerged;
import io.atrium.customer.CustomersUnmerged;
import io.atrium.scoring.LeadScoresChanged;
import io.atrium.shared.CustomerId;
import io.atrium.tracking.TouchpointHistory;
import io.atrium.tracking.TouchpointRecorded;
import io.atrium.tracking.TouchpointsReassigned;
import io.atrium.tracking.TouchpointsRecorded;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the module's own facts from other modules' events and re-evaluates only the customers concerned. Every
 * handler first takes the customers' evaluation locks ({@link SegmentEvaluation#lock}, in id order) and only then
 * writes their facts, so handlers of the same customers run one after the other and cannot deadlock.
 */
@Component
class SegmentFeed {

	private final SegmentFacts facts;

	private final SegmentEvaluation evaluation;

	private final CustomerDirectory directory;

	private final TouchpointHistory history;

	private final Clock clock;

	SegmentFeed(SegmentFacts facts, SegmentEvaluation evaluation, CustomerDirectory directory,
			TouchpointHistory history, Clock clock) {
		this.facts = facts;
		this.evaluation = evaluation;
		this.directory = directory;
		this.history = history;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(TouchpointsRecorded recorded) {
		recorded.byCustomer().forEach(this::apply);
	}

	private void apply(TouchpointRecorded touchpoint) {
		evaluation.lock(List.of(touchpoint.customerId()));
		if (!facts.hasProfile(touchpoint.customerId())) {
			refreshProfile(touchpoint.customerId());
		}
		facts.addTouchpoints(touchpoint.customerId(), touchpoint.touchpointType(),
				LocalDate.ofInstant(touchpoint.occurredAt(), evaluation.zone()), 1, touchpoint.amount());
		evaluation.evaluate(touchpoint.customerId(), clock.instant());
	}

	@ApplicationModuleListener
	void on(CustomerProfileChanged changed) {
		evaluation.lock(List.of(changed.id()));
		refreshProfile(changed.id());
		evaluation.evaluate(changed.id(), clock.instant());
	}

	@ApplicationModuleListener
	void on(CustomersMerged merged) {
		evaluation.lock(List.of(merged.merged(), merged.survivor()));
		facts.moveFacts(merged.merged(), merged.survivor());
		refreshProfile(merged.merged());
		refreshProfile(merged.survivor());
		evaluation.evaluate(merged.merged(), clock.instant());
		evaluation.evaluate(merged.survivor(), clock.instant());
	}

	/** The restored profile comes back with its own profile facts; its touchpoint facts follow on the move back. */
	@ApplicationModuleListener
	void on(CustomersUnmerged unmerged) {
		evaluation.lock(List.of(unmerged.restored(), unmerged.survivor()));
		refreshProfile(unmerged.restored());
		refreshProfile(unmerged.survivor());
		evaluation.evaluate(unmerged.restored(), clock.instant());
		evaluation.evaluate(unmerged.survivor(), clock.instant());
	}

	/**
	 * Touchpoints changed owner (a merge, or an unmerge moving exactly the merged ones back): the daily facts of
	 * both customers are rebuilt from their stored history, and both are re-evaluated.
	 */
	@ApplicationModuleListener
	void on(TouchpointsReassigned reassigned) {
		List<CustomerId> both = List.of(reassigned.from(), reassigned.to());
		evaluation.lock(both);
		rebuildFacts(both);
		both.forEach(customer -> evaluation.evaluate(customer, clock.instant()));
	}

	/** Keeps the module's copy of the scores and re-evaluates the customers when some rule compares scores. */
	@ApplicationModuleListener
	void on(LeadScoresChanged changed) {
		List<Object[]> rows = new ArrayList<>();
		List<CustomerId> customers = new ArrayList<>();
		changed.changes()
			.stream()
			.sorted(java.util.Comparator.comparing(change -> change.customerId().value()))
			.forEach(change -> {
				customers.add(change.customerId());
				rows.add(new Object[] { change.customerId().value(), BigDecimal.valueOf(change.composite()),
						BigDecimal.valueOf(change.behavioral()), BigDecimal.valueOf(change.demographic()),
						BigDecimal.valueOf(change.engagement()), BigDecimal.valueOf(change.predictive()),
						Timestamp.from(change.occurredAt()) });
			});
		evaluation.lock(customers);
		facts.saveScores(rows);
		evaluation.evaluate(customers, clock.instant(), SegmentRules.Compiled::usesScores);
	}

	private void rebuildFacts(List<CustomerId> customers) {
		Map<String, Object[]> days = new LinkedHashMap<>();
		history.streamOf(customers, touchpoint -> {
			LocalDate day = LocalDate.ofInstant(touchpoint.occurredAt(), evaluation.zone());
			UUID customer = touchpoint.customerId().value();
			Object[] row = days.computeIfAbsent(customer + "|" + touchpoint.touchpointType() + "|" + day,
					key -> new Object[] { customer, touchpoint.touchpointType(), day, 0, BigDecimal.ZERO });
			row[3] = (Integer) row[3] + 1;
			if (touchpoint.amount() != null) {
				row[4] = ((BigDecimal) row[4]).add(touchpoint.amount());
			}
		});
		facts.replaceFacts(customers, new ArrayList<>(days.values()));
	}

	private void refreshProfile(CustomerId id) {
		directory.profileFacts(id).ifPresent(facts::saveProfile);
	}
}
