package io.atrium.journey;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JourneyScoresUnitTests {

	static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

	final JourneyConfig config = JourneyConfig.defaults();

	final ChurnModel rules = new RuleBasedChurnModel(config.momentum().changeThreshold());

	@Test
	void healthFallsAndChurnRiskRisesAsTimePasses() {
		NavigableMap<LocalDate, DayActivity> days = activeCustomer();
		JourneyScores fresh = JourneyScores.of(ActivityFeatures.of(days, TODAY), config, rules);
		JourneyScores later = JourneyScores.of(ActivityFeatures.of(days, TODAY.plusDays(45)), config, rules);
		JourneyScores lapsed = JourneyScores.of(ActivityFeatures.of(days, TODAY.plusDays(120)), config, rules);

		assertThat(fresh.health().score()).isGreaterThan(later.health().score());
		assertThat(later.health().score()).isGreaterThan(lapsed.health().score());
		assertThat(fresh.churnRisk()).isLessThan(later.churnRisk());
		assertThat(later.churnRisk()).isLessThan(lapsed.churnRisk());
		assertThat(fresh.churnLevel()).isEqualTo("low");
		assertThat(lapsed.churnLevel()).isEqualTo("high");
		assertThat(lapsed.churnModel()).isEqualTo("rule-based-logistic/1");
	}

	@Test
	void moreActivityRaisesHealthAndLowersRisk() {
		NavigableMap<LocalDate, DayActivity> quiet = new TreeMap<>();
		quiet.put(TODAY.minusDays(40), new DayActivity(1, 1, 0, 0, BigDecimal.ZERO));
		JourneyScores low = JourneyScores.of(ActivityFeatures.of(quiet, TODAY), config, rules);
		JourneyScores high = JourneyScores.of(ActivityFeatures.of(activeCustomer(), TODAY), config, rules);

		assertThat(high.health().score()).isGreaterThan(low.health().score());
		assertThat(high.churnRisk()).isLessThan(low.churnRisk());
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 7, 13, 29, 44, 61, 90, 200, 365, 400 })
	void healthFactorsSumExactlyToTheScore(int daysLater) {
		JourneyScores scores = JourneyScores.of(ActivityFeatures.of(activeCustomer(), TODAY.plusDays(daysLater)),
				config, rules);

		assertThat(scores.health().factors()).extracting(HealthScore.Factor::name)
			.containsExactly("recency", "frequency", "monetary", "engagement");
		assertThat(scores.health().factors().stream().mapToInt(HealthScore.Factor::points).sum())
			.isEqualTo(scores.health().score());
		assertThat(scores.health().score()).isBetween(0, 100);
		scores.health().factors().forEach(f -> assertThat(f.points()).isBetween(0, f.maxPoints()));
	}

	@Test
	void largestRemainderKeepsTheRoundedTotal() {
		assertThat(HealthScore.largestRemainder(new double[] { 10.4, 10.4, 10.4, 0.2 })).containsExactly(11, 10, 10, 0);
		assertThat(HealthScore.largestRemainder(new double[] { 35, 25, 20, 20 })).containsExactly(35, 25, 20, 20);
	}

	@Test
	void churnTermsAddUpToTheLogOdds() {
		ChurnModel.Estimate estimate = rules.estimate(ActivityFeatures.of(activeCustomer(), TODAY.plusDays(60)));
		double logOdds = estimate.terms().stream().mapToDouble(ChurnModel.Term::contribution).sum();
		assertThat(1 / (1 + Math.exp(-logOdds))).isCloseTo(estimate.probability(),
				org.assertj.core.data.Offset.offset(0.002));
	}

	@Test
	void labelsMomentumFromTheLastThirtyDaysAgainstThePrior() {
		NavigableMap<LocalDate, DayActivity> rising = new TreeMap<>();
		rising.put(TODAY.minusDays(45), new DayActivity(2, 1, 1, 0, BigDecimal.ZERO));
		for (int i = 0; i < 6; i++) {
			rising.put(TODAY.minusDays(i * 4L), new DayActivity(2, 1, 1, 0, BigDecimal.ZERO));
		}
		Momentum up = Momentum.of(ActivityFeatures.of(rising, TODAY), config.momentum());
		Momentum down = Momentum.of(ActivityFeatures.of(rising, TODAY.plusDays(31)), config.momentum());
		Momentum none = Momentum.of(ActivityFeatures.of(new TreeMap<>(), TODAY), config.momentum());

		assertThat(up.label()).isEqualTo("accelerating");
		assertThat(up.slope()).isPositive();
		assertThat(down.label()).isEqualTo("declining");
		assertThat(none.label()).isEqualTo("steady");
	}

	@Test
	void rejectsConfigurationOutOfRangeNamingTheFields() {
		JourneyConfig bad = new JourneyConfig(new JourneyConfig.Stages(0, 1, 3, 90, 2, 4, 90, 30),
				config.health(), new JourneyConfig.Churn(0.5, 0.6), config.momentum());
		org.assertj.core.api.Assertions.assertThatThrownBy(bad::validated)
			.isInstanceOf(io.atrium.shared.InvalidInput.class)
			.satisfies(ex -> assertThat(((io.atrium.shared.InvalidInput) ex).errors())
				.extracting(io.atrium.shared.Problem.FieldError::field)
				.contains("stages.consideration_window_days", "stages.dormant_days", "churn.medium_threshold"));
		assertThat(config.validated()).isSameAs(config);
	}

	static NavigableMap<LocalDate, DayActivity> activeCustomer() {
		NavigableMap<LocalDate, DayActivity> days = new TreeMap<>();
		for (int i = 0; i < 12; i++) {
			days.put(TODAY.minusDays(i * 7L), new DayActivity(3, 1, 2, i % 3 == 0 ? 1 : 0,
					i % 3 == 0 ? new BigDecimal("800.00") : BigDecimal.ZERO));
		}
		return days;
	}
}
