package io.atrium.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring policies in force and their composition into the composite score and lead quality.
 */
final class ScoreFactors {

	private ScoreFactors() {
	}

	/**
	 * @param config the configuration in force
	 * @param model the active model, or {@code null}
	 * @param explain whether the predictive factor computes per-feature contributions (slower)
	 * @return the behavioral, demographic, engagement and predictive factors
	 */
	static List<ScoreFactor> allCurrentFactors(ScoringConfig config, TrainedModel model, boolean explain) {
		return List.of(new DecayedActivityFactor("behavioral", config.behavior()), new FitFactor(config.fit()),
				new DecayedActivityFactor("engagement", config.engagement()), new PredictiveFactor(model, explain));
	}

	/**
	 * Scores a customer with every factor.
	 * @return the breakdown, the composite and the lead quality
	 */
	static Scores score(ScoringConfig config, List<ScoreFactor> factors, ScoreFactor.Subject subject) {
		Map<String, ScoreFactor.FactorScore> byKind = new LinkedHashMap<>();
		for (ScoreFactor factor : factors) {
			ScoreFactor.FactorScore score = factor.score(subject);
			if (score != null) {
				byKind.put(factor.kind(), score);
			}
		}
		Map<String, Double> weights = config.normalizedWeights(byKind.containsKey("predictive"));
		double composite = 0;
		List<ScoreFactor.Contribution> top = new ArrayList<>();
		for (Map.Entry<String, Double> weight : weights.entrySet()) {
			ScoreFactor.FactorScore score = byKind.get(weight.getKey());
			if (score == null) {
				continue;
			}
			composite += weight.getValue() * score.value();
			for (ScoreFactor.Contribution contribution : score.contributions()) {
				top.add(new ScoreFactor.Contribution(contribution.factor(), contribution.kind(),
						weight.getValue() * contribution.impact()));
			}
		}
		top.sort(Comparator.comparingDouble((ScoreFactor.Contribution c) -> -Math.abs(c.impact())));
		Map<String, Double> values = new LinkedHashMap<>();
		byKind.forEach((kind, score) -> values.put(kind, score.value()));
		return new Scores(values, Math.max(0, Math.min(100, composite)), quality(config.quality(), composite),
				top.size() > 5 ? List.copyOf(top.subList(0, 5)) : List.copyOf(top));
	}

	static String quality(ScoringConfig.Quality thresholds, double composite) {
		if (composite >= thresholds.hot()) {
			return "hot";
		}
		if (composite >= thresholds.qualified()) {
			return "qualified";
		}
		if (composite >= thresholds.warm()) {
			return "warm";
		}
		return "cold";
	}

	/**
	 * @param kinds 0–100 per kind that scored ({@code predictive} absent without a model)
	 * @param composite 0–100
	 * @param quality {@code cold}, {@code warm}, {@code qualified} or {@code hot}
	 * @param topFactors the five contributions that weigh most in the composite (points of the composite)
	 */
	record Scores(Map<String, Double> kinds, double composite, String quality, List<ScoreFactor.Contribution> topFactors) {

		double kind(String kind) {
			return kinds.getOrDefault(kind, 0.0);
		}
	}
}
