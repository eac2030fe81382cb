package io.atrium.journey;

import java.util.List;

/**
 * A customer's scores as of one day.
 *
 * @param health health 0–100 with its factors
 * @param churnRisk probability 0–1
 * @param churnLevel {@code low}, {@code medium} or {@code high}
 * @param churnModel the model that produced the risk, e.g. {@code rule-based-logistic/1}
 * @param churnTerms what explains the risk
 * @param momentum the engagement trend
 */
record JourneyScores(HealthScore health, double churnRisk, String churnLevel, String churnModel,
		List<ChurnModel.Term> churnTerms, Momentum momentum) {

	static final String HIGH = "high";

	static JourneyScores of(ActivityFeatures features, JourneyConfig config, ChurnModel model) {
		ChurnModel.Estimate estimate = model.estimate(features);
		double risk = Math.round(estimate.probability() * 10_000) / 10_000.0;
		return new JourneyScores(HealthScore.of(features, config.health()), risk, level(risk, config.churn()),
				model.id(), estimate.terms(), Momentum.of(features, config.momentum()));
	}

	static String level(double risk, JourneyConfig.Churn config) {
		if (risk > config.highThreshold()) {
			return HIGH;
		}
		return risk > config.mediumThreshold() ? "medium" : "low";
	}
}
