package io.atrium.scoring;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted touchpoint types × frequency with exponential time decay: each touchpoint counts its type's weight
 * × {@code 0.5^(age in days / half-life)}; the points map onto 0–100 as {@code 100 (1 − e^(−points/saturation))}.
 * The behavioral score uses it with the store, web and purchase weights, the engagement score with email, SMS,
 * push and app responsiveness.
 */
record DecayedActivityFactor(String kind, ScoringConfig.Decayed settings) implements ScoreFactor {

	@Override
	public FactorScore score(Subject subject) {
		Map<String, Double> byType = new LinkedHashMap<>();
		double points = 0;
		double lambda = Math.log(2) / settings.halfLifeDays();
		for (Activity.Day day : subject.activity().days()) {
			Double weight = settings.typeWeights().get(day.type());
			if (weight == null || weight == 0) {
				continue;
			}
			long age = Math.max(0, ChronoUnit.DAYS.between(day.day(), subject.today()));
			double value = weight * day.events() * Math.exp(-lambda * age);
			byType.merge(day.type(), value, Double::sum);
			points += value;
		}
		double score = points <= 0 ? 0 : 100 * (1 - Math.exp(-points / settings.saturation()));
		List<Contribution> contributions = new ArrayList<>();
		double total = points;
		byType.forEach((type, value) -> contributions
			.add(new Contribution(type, kind, total == 0 ? 0 : score * value / total)));
		contributions.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.impact())));
		return new FactorScore(kind, score, contributions);
	}
}
