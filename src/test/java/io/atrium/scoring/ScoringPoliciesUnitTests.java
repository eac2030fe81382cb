package io.atrium.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.shared.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScoringPoliciesUnitTests {

	static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

	static ScoreFactors.Scores scores(double behavioral, double demographic, double engagement, double composite) {
		Map<String, Double> kinds = new LinkedHashMap<>();
		kinds.put("behavioral", behavioral);
		kinds.put("demographic", demographic);
		kinds.put("engagement", engagement);
		return new ScoreFactors.Scores(kinds, composite, "warm", List.of());
	}

	@ParameterizedTest
	@CsvSource({ "49.99, 90, 0, 0, lead, below-thresholds", "50, 0, 0, 0, mql, mql-composite",
			"74.99, 90, 0, 0, mql, mql-composite", "75, 40, 0, 0, sql, sql-composite-and-behavior",
			"75, 39.99, 0, 0, mql, mql-composite", "10, 0, 70, 50, mql, mql-fit-and-engagement",
			"10, 0, 69.99, 50, lead, below-thresholds", "10, 0, 70, 49.99, lead, below-thresholds" })
	void qualifiesAtTheConfiguredThresholds(double composite, double behavioral, double demographic, double engagement,
			String qualification, String rule) {
		ScoringConfig.QualificationThresholds thresholds = ScoringConfig.defaults().qualification();
		QualificationRule.Decision decision = QualificationRule.decide(QualificationRule.allCurrentRules(thresholds),
				scores(behavioral, demographic, engagement, composite));
		assertThat(decision).isEqualTo(new QualificationRule.Decision(qualification, rule));
	}

	@ParameterizedTest
	@CsvSource({ "0, cold", "34.99, cold", "35, warm", "59.99, warm", "60, qualified", "78.5, qualified", "80, hot",
			"100, hot" })
	void namesLeadQualityFromThresholds(double composite, String quality) {
		assertThat(ScoreFactors.quality(ScoringConfig.defaults().quality(), composite)).isEqualTo(quality);
	}

	@Test
	void combinesScoresWithConfiguredWeights() {
		ScoreFactor fixed80 = fixed("behavioral", 80);
		ScoreFactor fixed40 = fixed("demographic", 40);
		ScoreFactor fixed20 = fixed("engagement", 20);
		ScoreFactor fixed90 = fixed("predictive", 90);
		ScoringConfig config = withWeights(0.4, 0.2, 0.2, 0.2);
		ScoreFactors.Scores scores = ScoreFactors.score(config, List.of(fixed80, fixed40, fixed20, fixed90), subject());
		assertThat(scores.composite()).isCloseTo(0.4 * 80 + 0.2 * 40 + 0.2 * 20 + 0.2 * 90, within(1e-9));
	}

	@Test
	void reweightsTheOtherKindsWhenNoModelIsActive() {
		ScoringConfig config = withWeights(0.4, 0.2, 0.2, 0.2);
		ScoreFactors.Scores scores = ScoreFactors.score(config,
				List.of(fixed("behavioral", 80), fixed("demographic", 40), fixed("engagement", 20),
						new PredictiveFactor(null, false)),
				subject());
		assertThat(scores.kinds()).doesNotContainKey("predictive");
		assertThat(scores.composite()).isCloseTo((0.4 * 80 + 0.2 * 40 + 0.2 * 20) / 0.8, within(1e-9));
	}

	@Test
	void decaysATouchpointToHalfItsWeightAfterOneHalfLife() {
		ScoringConfig.Decayed settings = new ScoringConfig.Decayed(Map.of("purchase", 10.0), 30, 10);
		double fresh = points(new DecayedActivityFactor("behavioral", settings), TODAY);
		double old = points(new DecayedActivityFactor("behavioral", settings), TODAY.minusDays(30));
		assertThat(fresh).isCloseTo(10, within(1e-9));
		assertThat(old).isCloseTo(5, within(1e-9));
	}

	@Test
	void weighsTouchpointTypesTimesFrequency() {
		ScoringConfig.Decayed settings = new ScoringConfig.Decayed(Map.of("purchase", 10.0, "website_visit", 1.0), 30,
				40);
		DecayedActivityFactor factor = new DecayedActivityFactor("behavioral", settings);
		ScoreFactor.FactorScore score = factor.score(new ScoreFactor.Subject(null, Map.of(), 0,
				new Activity(List.of(new Activity.Day("purchase", TODAY, 2, 100), new Activity.Day("website_visit", TODAY,
						5, 0), new Activity.Day("parking", TODAY, 9, 0))),
				TODAY));
		assertThat(score.value()).isCloseTo(100 * (1 - Math.exp(-25.0 / 40)), within(1e-9));
		assertThat(score.contributions()).extracting(ScoreFactor.Contribution::factor)
			.containsExactly("purchase", "website_visit");
	}

	@Test
	void fitsTheIdealCustomerWithMixedCaseCategoriesRangesBooleansAndBlanks() {
		ScoringConfig.Fit fit = new ScoringConfig.Fit(0.0, List.of(),
				List.of(new ScoringConfig.Criterion("member_tier", null, null, List.of("Gold", "PLATINUM"), null, 1),
						new ScoringConfig.Criterion("income", 5000.0, 20000.0, null, null, 1),
						new ScoringConfig.Criterion("has_car", null, null, null, true, 1),
						new ScoringConfig.Criterion("kids", 1.0, null, null, null, 1)));
		Map<String, Object> traits = new LinkedHashMap<>();
		traits.put("income", " 12,000 ");
		traits.put("has_car", "Yes");
		traits.put("kids", "");
		ScoreFactor.FactorScore score = new FitFactor(fit)
			.score(new ScoreFactor.Subject(" platinum ", traits, 2, Activity.NONE, TODAY));
		assertThat(score.value()).isCloseTo(75, within(1e-9));
	}

	@Test
	void refusesAConfigurationNamingEveryBrokenField() {
		ScoringConfig defaults = ScoringConfig.defaults();
		Map<String, Double> weights = new LinkedHashMap<>(defaults.weights());
		weights.put("loyalty", 1.0);
		ScoringConfig broken = new ScoringConfig(weights, defaults.behavior(), defaults.engagement(), defaults.fit(),
				new ScoringConfig.Quality(70, 60, 80), defaults.qualification(),
				new ScoringConfig.ModelSpec("neural_net", 0, List.of("Bad Key"), new ScoringConfig.Conversion("trait", null,
						null), 7));
		assertThatThrownBy(broken::validated).isInstanceOfSatisfying(InvalidInput.class,
				problem -> assertThat(problem.errors()).extracting(e -> e.field())
					.contains("weights.loyalty", "quality", "model.algorithm", "model.horizon_days", "model.traits",
							"model.label.trait"));
		assertThat(defaults.validated()).isSameAs(defaults);
	}

	@Test
	void measuresAucWithTies() {
		assertThat(HoldoutMetrics.auc(new double[] { 0.1, 0.4, 0.35, 0.8 }, new boolean[] { false, false, true, true }))
			.isCloseTo(0.75, within(1e-9));
		assertThat(HoldoutMetrics.auc(new double[] { 1, 1 }, new boolean[] { true, false })).isCloseTo(0.5, within(1e-9));
		assertThat(HoldoutMetrics.auc(new double[] { 1, 2 }, new boolean[] { true, true })).isNull();
	}

	@Test
	void readsImportedTraitValuesAsNumbersBooleansOrCategories() {
		Features features = Features.of(Activity.NONE,
				new ScoreFactor.Subject("Gold", Map.of("income", "1,200.5", "vip", "TRUE", "segment", " Young Family ",
						"blank", " "), 0, Activity.NONE, TODAY),
				List.of("member_tier", "income", "vip", "segment", "blank", "missing"), TODAY);
		Map<String, Double> byName = new LinkedHashMap<>();
		for (int i = 0; i < features.names().length; i++) {
			byName.put(features.names()[i], features.values()[i]);
		}
		assertThat(byName).containsEntry("trait:member_tier=gold", 1.0)
			.containsEntry("trait:income", 1200.5)
			.containsEntry("trait:vip", 1.0)
			.containsEntry("trait:segment=young family", 1.0)
			.doesNotContainKeys("trait:blank", "trait:missing");
	}

	private static double points(DecayedActivityFactor factor, LocalDate day) {
		ScoreFactor.FactorScore score = factor.score(new ScoreFactor.Subject(null, Map.of(), 0,
				new Activity(List.of(new Activity.Day("purchase", day, 1, 0))), TODAY));
		return -factor.settings().saturation() * Math.log(1 - score.value() / 100);
	}

	private static ScoringConfig withWeights(double behavioral, double demographic, double engagement,
			double predictive) {
		ScoringConfig defaults = ScoringConfig.defaults();
		Map<String, Double> weights = new LinkedHashMap<>();
		weights.put("behavioral", behavioral);
		weights.put("demographic", demographic);
		weights.put("engagement", engagement);
		weights.put("predictive", predictive);
		return new ScoringConfig(weights, defaults.behavior(), defaults.engagement(), defaults.fit(), defaults.quality(),
				defaults.qualification(), defaults.model());
	}

	private static ScoreFactor.Subject subject() {
		return new ScoreFactor.Subject(null, Map.of(), 0, new Activity(new ArrayList<>()), TODAY);
	}

	private static ScoreFactor fixed(String kind, double value) {
		return new ScoreFactor() {

			@Override
			public String kind() {
				return kind;
			}

			@Override
			public FactorScore score(Subject subject) {
				return new FactorScore(kind, value, List.of());
			}
		};
	}
}
