package io.atrium.scoring;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A named scoring policy: turns what is known of a customer into one score kind (0–100) and explains it.
 * Factors are small values composed by {@link ScoreFactors#allCurrentFactors}.
 */
interface ScoreFactor {

	/** @return the score kind this factor produces, e.g. {@code behavioral} */
	String kind();

	/**
	 * @param subject what is known of the customer
	 * @return the score with the contributions that make it up, or {@code null} when the factor cannot score
	 * (the predictive factor without an active model)
	 */
	FactorScore score(Subject subject);

	/**
	 * The customer as the factors see it.
	 *
	 * @param memberTier or {@code null}
	 * @param traits custom traits, never {@code null}
	 * @param named whether first and last name are known
	 * @param activity touchpoints per type and day
	 * @param today the day the scores are computed for, in the mall's zone
	 */
	record Subject(String memberTier, Map<String, Object> traits, int named, Activity activity, LocalDate today) {

		/** @return the trait, or the member tier for {@code member_tier}, or {@code null} */
		Object trait(String key) {
			if ("member_tier".equals(key) && memberTier != null) {
				return memberTier;
			}
			return traits.get(key);
		}
	}

	/**
	 * One kind of score with what made it.
	 *
	 * @param kind score kind
	 * @param value 0–100
	 * @param contributions named parts, largest first
	 */
	record FactorScore(String kind, double value, List<Contribution> contributions) {
	}

	/**
	 * @param factor what contributed, e.g. {@code purchase} or {@code member_tier}
	 * @param kind the score it is part of
	 * @param impact points it adds to (or, negative, removes from) that score
	 */
	record Contribution(String factor, String kind, double impact) {
	}
}
