package io.atrium.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A named rule that lets time push a customer back: it says when it fires for a journey and where the journey
 * falls to. Rules are small values tested alone and composed by {@link #allCurrentRules()}.
 */
interface RegressionRule {

	/** @return the reason code recorded with the transition */
	String reason();

	/** @return the stage the journey falls back to */
	Stage fallsTo();

	/**
	 * @param stage the current stage
	 * @param lastSeen the latest touchpoint
	 * @param lastPurchaseAt the latest purchase, or {@code null}
	 * @return when the rule fires for a journey in {@code stage}, or empty when it does not apply to that stage
	 */
	Optional<Instant> firesAt(Stage stage, Instant lastSeen, Instant lastPurchaseAt, JourneyConfig.Stages config);

	/** A buyer without a purchase for {@code lapse_days} falls back to consideration. */
	RegressionRule LAPSED = new RegressionRule() {

		@Override
		public String reason() {
			return "lapsed";
		}

		@Override
		public Stage fallsTo() {
			return Stage.CONSIDERATION;
		}

		@Override
		public Optional<Instant> firesAt(Stage stage, Instant lastSeen, Instant lastPurchaseAt,
				JourneyConfig.Stages config) {
			if (!stage.above(Stage.CONSIDERATION) || lastPurchaseAt == null) {
				return Optional.empty();
			}
			return Optional.of(lastPurchaseAt.plus(Duration.ofDays(config.lapseDays())));
		}
	};

	/** A customer without any touchpoint for {@code dormant_days} falls back to awareness. */
	RegressionRule DORMANT = new RegressionRule() {

		@Override
		public String reason() {
			return "dormant";
		}

		@Override
		public Stage fallsTo() {
			return Stage.AWARENESS;
		}

		@Override
		public Optional<Instant> firesAt(Stage stage, Instant lastSeen, Instant lastPurchaseAt,
				JourneyConfig.Stages config) {
			if (!stage.above(Stage.AWARENESS)) {
				return Optional.empty();
			}
			return Optional.of(lastSeen.plus(Duration.ofDays(config.dormantDays())));
		}
	};

	/** @return every rule in force */
	static List<RegressionRule> allCurrentRules() {
		return List.of(LAPSED, DORMANT);
	}
}
