package io.atrium.journey;

import java.util.List;
import java.util.Optional;

/**
 * A named rule that earns a customer a stage. Rules are small values tested alone and composed by
 * {@link #allCurrentRules()}; the journey moves to the highest stage whose rule holds.
 */
interface ProgressionRule {

	/** @return the stage the rule earns */
	Stage target();

	/**
	 * @return the reason code when the rule holds for these facts, e.g. {@code first_purchase}; empty otherwise
	 */
	Optional<String> reason(JourneyFacts facts, JourneyConfig.Stages config);

	/** First identified touchpoint → awareness. */
	ProgressionRule FIRST_TOUCHPOINT = rule(Stage.AWARENESS,
			(facts, config) -> facts.touchpoints() > 0 ? Optional.of("first_touchpoint") : Optional.empty());

	/** Mall visits or engaged browsing in the consideration window → consideration. */
	ProgressionRule VISITS_OR_ENGAGED_BROWSING = rule(Stage.CONSIDERATION, (facts, config) -> {
		if (facts.visitsInWindow() >= config.considerationVisits()) {
			return Optional.of("mall_visits");
		}
		if (facts.engagementsInWindow() >= config.considerationEngagements()) {
			return Optional.of("engaged_browsing");
		}
		return Optional.empty();
	});

	/** A purchase not older than the lapse window → purchase. */
	ProgressionRule PURCHASE = rule(Stage.PURCHASE, (facts, config) -> {
		if (!facts.purchasedWithin(config.lapseDays())) {
			return Optional.empty();
		}
		return Optional.of(facts.purchases() == 1 ? "first_purchase" : "purchase_after_lapse");
	});

	/** Two purchases within the retention window, the latter not lapsed → retention. */
	ProgressionRule REPEAT_PURCHASE = rule(Stage.RETENTION,
			(facts, config) -> facts.purchasedWithin(config.lapseDays())
					&& facts.repeatPurchaseWithin(config.retentionWindowDays())
							? Optional.of("repeat_purchase_within_window") : Optional.empty());

	/** A positive review or a referral, with enough purchases, not lapsed → advocacy. */
	ProgressionRule POSITIVE_SIGNAL_WITH_REPEAT_PURCHASES = rule(Stage.ADVOCACY,
			(facts, config) -> facts.positiveSignals() > 0 && facts.purchases() >= config.advocacyMinPurchases()
					&& facts.purchasedWithin(config.lapseDays())
							? Optional.of("positive_review_or_referral_with_repeat_purchases") : Optional.empty());

	/** @return every rule in force, highest stage first */
	static List<ProgressionRule> allCurrentRules() {
		return List.of(POSITIVE_SIGNAL_WITH_REPEAT_PURCHASES, REPEAT_PURCHASE, PURCHASE, VISITS_OR_ENGAGED_BROWSING,
				FIRST_TOUCHPOINT);
	}

	/**
	 * @return the highest stage any rule earns with its reason, or empty when none holds
	 */
	static Optional<Earned> earned(List<ProgressionRule> rules, JourneyFacts facts, JourneyConfig.Stages config) {
		for (ProgressionRule rule : rules) {
			Optional<String> reason = rule.reason(facts, config);
			if (reason.isPresent()) {
				return Optional.of(new Earned(rule.target(), reason.get()));
			}
		}
		return Optional.empty();
	}

	/** A stage a rule earned and why. */
	record Earned(Stage stage, String reason) {
	}

	private static ProgressionRule rule(Stage target,
			java.util.function.BiFunction<JourneyFacts, JourneyConfig.Stages, Optional<String>> test) {
		return new ProgressionRule() {

			@Override
			public Stage target() {
				return target;
			}

			@Override
			public Optional<String> reason(JourneyFacts facts, JourneyConfig.Stages config) {
				return test.apply(facts, config);
			}
		};
	}
}
