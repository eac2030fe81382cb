package io.atrium.scoring;

import java.util.List;

/**
 * The predictive score: the active model's conversion probability × 100, explained by per-feature deltas.
 * Without an active model it does not score, and the composite is weighted over the other kinds.
 */
record PredictiveFactor(TrainedModel model, boolean explain) implements ScoreFactor {

	static final String KIND = "predictive";

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public FactorScore score(Subject subject) {
		if (model == null) {
			return null;
		}
		Features features = model.features(subject.activity(), subject, subject.today());
		double probability = model.probability(features);
		List<Contribution> contributions = explain ? model.contributions(features, probability) : List.of();
		return new FactorScore(KIND, 100 * probability, contributions);
	}
}
