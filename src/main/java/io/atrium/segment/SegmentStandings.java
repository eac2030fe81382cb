package io.atrium.segment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.atrium.shared.CustomerId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where the journey module hands customers' lifecycle stages to segments (the journey module depends on segments
 * for its patterns, so segments cannot listen to its events themselves). Each change re-evaluates only that
 * customer, and only when some rule compares stages.
 */
@Service
public class SegmentStandings {

	private final SegmentFacts facts;

	private final SegmentEvaluation evaluation;

	private final Clock clock;

	SegmentStandings(SegmentFacts facts, SegmentEvaluation evaluation, Clock clock) {
		this.facts = facts;
		this.evaluation = evaluation;
		this.clock = clock;
	}

	/**
	 * Records a customer's current lifecycle stage (ignored when a later stage is already recorded) and
	 * re-evaluates the customer.
	 * @param customer the profile, not {@code null}
	 * @param stage a stage code such as {@code retention}
	 * @param at when the customer entered it, not {@code null}
	 * @throws IllegalArgumentException for an unknown stage code
	 */
	@Transactional
	public void stageChanged(CustomerId customer, String stage, Instant at) {
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(at, "at");
		if (!SegmentRules.STAGES.contains(stage)) {
			throw new IllegalArgumentException("unknown stage " + stage);
		}
		facts.saveStage(customer, stage, at);
		evaluation.evaluate(List.of(customer), clock.instant(), SegmentRules.Compiled::usesStage);
	}
}
