package io.atrium.journey;

/**
 * The engagement trend: touchpoints in the last 30 days against the 30 before, and the slope of weekly
 * touchpoints over 8 weeks (least squares, touchpoints per week per week).
 *
 * @param label {@code accelerating}, {@code steady} or {@code declining}
 * @param change relative change of the last 30 days against the prior 30 ({@code (last - prior) / max(prior, 1)})
 */
record Momentum(String label, int last30, int prior30, double change, double slope) {

	static Momentum of(ActivityFeatures features, JourneyConfig.Momentum config) {
		int last = features.touchpoints30();
		int prior = features.touchpointsPrior30();
		double change = (last - prior) / (double) Math.max(prior, 1);
		String label = "steady";
		if (last + prior > 0 && change >= config.changeThreshold()) {
			label = "accelerating";
		}
		else if (last + prior > 0 && change <= -config.changeThreshold()) {
			label = "declining";
		}
		return new Momentum(label, last, prior, round(change), round(slope(features.weekly())));
	}

	static double slope(int[] values) {
		int n = values.length;
		double meanX = (n - 1) / 2.0;
		double meanY = 0;
		for (int value : values) {
			meanY += value;
		}
		meanY /= n;
		double numerator = 0;
		double denominator = 0;
		for (int i = 0; i < n; i++) {
			numerator += (i - meanX) * (values[i] - meanY);
			denominator += (i - meanX) * (i - meanX);
		}
		return numerator / denominator;
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}
}
