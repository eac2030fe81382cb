package io.atrium.scoring;

import java.util.List;
import java.util.Optional;

/**
 * A named rule that makes a lead marketing- or sales-qualified. Rules are tried in the order of
 * {@link #allCurrentRules}; the first that applies decides, and is named in the answer.
 */
interface QualificationRule {

	/** @return the rule's stable name, e.g. {@code sql-composite-and-behavior} */
	String name();

	/**
	 * @return {@code sql} or {@code mql} when the rule applies, else empty
	 */
	Optional<String> qualify(ScoreFactors.Scores scores);

	/**
	 * @return the rules in force, most demanding first
	 */
	static List<QualificationRule> allCurrentRules(ScoringConfig.QualificationThresholds thresholds) {
		return List.of(new SqlByCompositeAndBehavior(thresholds), new MqlByComposite(thresholds),
				new MqlByFitAndEngagement(thresholds));
	}

	/**
	 * Decides a lead's qualification.
	 * @return the qualification and the rule that decided it ({@code below-thresholds} for a plain lead)
	 */
	static Decision decide(List<QualificationRule> rules, ScoreFactors.Scores scores) {
		for (QualificationRule rule : rules) {
			Optional<String> qualification = rule.qualify(scores);
			if (qualification.isPresent()) {
				return new Decision(qualification.get(), rule.name());
			}
		}
		return new Decision("lead", "below-thresholds");
	}

	/**
	 * @param qualification {@code lead}, {@code mql} or {@code sql}
	 * @param rule the name of the rule that decided it
	 */
	record Decision(String qualification, String rule) {
	}

	/** Sales-qualified: composite at the SQL threshold and enough behaviour to show intent. */
	record SqlByCompositeAndBehavior(ScoringConfig.QualificationThresholds thresholds) implements QualificationRule {

		@Override
		public String name() {
			return "sql-composite-and-behavior";
		}

		@Override
		public Optional<String> qualify(ScoreFactors.Scores scores) {
			return scores.composite() >= thresholds.sql() && scores.kind("behavioral") >= thresholds.sqlMinBehavioral()
					? Optional.of("sql") : Optional.empty();
		}
	}

	/** Marketing-qualified: composite at the MQL threshold. */
	record MqlByComposite(ScoringConfig.QualificationThresholds thresholds) implements QualificationRule {

		@Override
		public String name() {
			return "mql-composite";
		}

		@Override
		public Optional<String> qualify(ScoreFactors.Scores scores) {
			return scores.composite() >= thresholds.mql() ? Optional.of("mql") : Optional.empty();
		}
	}

	/** Marketing-qualified: a strong fit that answers messages, whatever the composite. */
	record MqlByFitAndEngagement(ScoringConfig.QualificationThresholds thresholds) implements QualificationRule {

		@Override
		public String name() {
			return "mql-fit-and-engagement";
		}

		@Override
		public Optional<String> qualify(ScoreFactors.Scores scores) {
			return scores.kind("demographic") >= thresholds.mqlFit()
					&& scores.kind("engagement") >= thresholds.mqlEngagement() ? Optional.of("mql") : Optional.empty();
		}
	}
}
