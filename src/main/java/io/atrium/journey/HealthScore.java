package io.atrium.journey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Health 0–100 as the sum of four factor contributions: recency (up to 35 points), frequency (25), monetary (20)
 * and engagement (20). Contributions are whole points rounded by largest remainder, so they always add up to the
 * score exactly.
 *
 * @param score 0–100
 * @param factors the contributions, in a fixed order; their points sum to {@code score}
 */
record HealthScore(int score, List<Factor> factors) {

	/**
	 * One factor's contribution.
	 *
	 * @param name {@code recency}, {@code frequency}, {@code monetary} or {@code engagement}
	 * @param points whole points contributed
	 * @param maxPoints the most the factor can contribute
	 * @param value the measured input, e.g. days since the last touchpoint
	 * @param unit what {@code value} counts
	 */
	record Factor(String name, int points, int maxPoints, double value, String unit) {
	}

	static final int RECENCY = 35;

	static final int FREQUENCY = 25;

	static final int MONETARY = 20;

	static final int ENGAGEMENT = 20;

	static HealthScore of(ActivityFeatures features, JourneyConfig.Health config) {
		double[] raw = {
				RECENCY * (features.daysSinceLastActive() >= ActivityFeatures.HORIZON ? 0
						: Math.pow(0.5, features.daysSinceLastActive() / (double) config.recencyHalfLifeDays())),
				FREQUENCY * Math.min(1, features.activeDays90() / (double) config.frequencyTargetDays()),
				MONETARY * Math.min(1, Math.log1p(features.amount365()) / Math.log1p(config.monetaryTarget())),
				ENGAGEMENT * Math.min(1, features.engagements30() / (double) config.engagementTarget()) };
		int[] points = largestRemainder(raw);
		List<Factor> factors = List.of(
				new Factor("recency", points[0], RECENCY, features.daysSinceLastActive(), "days_since_last_touchpoint"),
				new Factor("frequency", points[1], FREQUENCY, features.activeDays90(), "active_days_in_90"),
				new Factor("monetary", points[2], MONETARY, Math.round(features.amount365() * 100) / 100.0,
						"spend_cny_in_365_days"),
				new Factor("engagement", points[3], ENGAGEMENT, features.engagements30(), "engagements_in_30_days"));
		int score = 0;
		for (int p : points) {
			score += p;
		}
		return new HealthScore(score, factors);
	}

	/** Rounds each value down, then hands the points lost to rounding to the largest remainders. */
	static int[] largestRemainder(double[] raw) {
		double total = 0;
		int[] points = new int[raw.length];
		int floorSum = 0;
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < raw.length; i++) {
			total += raw[i];
			points[i] = (int) Math.floor(raw[i]);
			floorSum += points[i];
			order.add(i);
		}
		int target = (int) Math.round(total);
		order.sort(Comparator.comparingDouble((Integer i) -> raw[i] - Math.floor(raw[i])).reversed());
		for (int k = 0; k < target - floorSum && k < order.size(); k++) {
			points[order.get(k)]++;
		}
		return points;
	}
}
