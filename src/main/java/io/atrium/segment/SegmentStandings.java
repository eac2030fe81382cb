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

	private final Segments segments;

	private final Clock clock;

	SegmentStandings(SegmentFacts facts, SegmentEvaluation evaluation, Segments segments, Clock clock) {
		this.facts = facts;
		this.evaluation = evaluation;
		this.segments = segments;
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
		evaluation.lock(List.of(customer));
		facts.saveStage(customer, stage, at);
		evaluation.evaluate(List.of(customer), clock.instant(), SegmentRules.Compiled::usesStage);
	}

	/**
	 * A customer's stage as a journey rebuilt from history has it.
	 *
	 * @param customerId the profile, not {@code null}
	 * @param stage a stage code such as {@code retention}
	 * @param since when the customer entered it, not {@code null}
	 */
	public record CustomerStage(CustomerId customerId, String stage, Instant since) {

		public CustomerStage {
			Objects.requireNonNull(customerId, "customerId");
			Objects.requireNonNull(since, "since");
			if (!SegmentRules.STAGES.contains(stage)) {
				throw new IllegalArgumentException("unknown stage " + stage);
			}
		}
	}

	/**
	 * Records many customers' stages at once (after journeys were rebuilt from history, which publishes no stage
	 * changes), each unless a later stage is already recorded; call {@link #recomputeStageSegments()} after the
	 * last batch.
	 * @param batch at most a few thousand
	 */
	@Transactional
	public void stagesRebuilt(List<CustomerStage> batch) {
		facts.saveStages(batch);
	}

	/**
	 * Recomputes, set-based, every active dynamic segment whose rule compares stages (and the segments referring
	 * to them).
	 * @return how many segments were recomputed
	 */
	public int recomputeStageSegments() {
		int recomputed = 0;
		Instant now = clock.instant();
		for (SegmentRow segment : segments.active()) {
			if (segment.dynamic() && evaluation.compile(segment, now).usesStage()) {
				evaluation.recompute(segment.id(), now);
				recomputed++;
			}
		}
		return recomputed;
	}
}
