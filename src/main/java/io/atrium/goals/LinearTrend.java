package io.atrium.goals;

import java.util.List;

/**
 * A least-squares line through daily values, projected over the days still to come (negative days count as
 * zero: a metric that adds up does not shrink).
 */
final class LinearTrend {

	private LinearTrend() {
	}

	/**
	 * @param daily the values of the days elapsed, at least one
	 * @param totalDays the period's days, not fewer than {@code daily.size()}
	 * @return the sum of the elapsed days plus the projection of the remaining ones
	 */
	static double forecast(List<Double> daily, long totalDays) {
		int n = daily.size();
		double sum = daily.stream().mapToDouble(Double::doubleValue).sum();
		if (n == 0) {
			return 0;
		}
		double slope = 0;
		double intercept = sum / n;
		if (n > 1) {
			double meanX = (n - 1) / 2.0;
			double meanY = sum / n;
			double sxy = 0;
			double sxx = 0;
			for (int x = 0; x < n; x++) {
				sxy += (x - meanX) * (daily.get(x) - meanY);
				sxx += (x - meanX) * (x - meanX);
			}
			slope = sxy / sxx;
			intercept = meanY - slope * meanX;
		}
		double forecast = sum;
		for (long x = n; x < totalDays; x++) {
			forecast += Math.max(0, intercept + slope * x);
		}
		return forecast;
	}
}
