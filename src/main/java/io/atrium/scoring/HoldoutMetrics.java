package io.atrium.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics of predictions against known outcomes: ROC AUC (Mann–Whitney, ties averaged), precision and recall
 * at a threshold, Brier score and ten calibration bins.
 */
final class HoldoutMetrics {

	private HoldoutMetrics() {
	}

	/**
	 * @param scores any scale, higher meaning more likely
	 * @param outcomes the truth
	 * @return the area under the ROC curve, or {@code null} when one class is missing
	 */
	static Double auc(double[] scores, boolean[] outcomes) {
		int n = scores.length;
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
		double[] ranks = new double[n];
		int i = 0;
		while (i < n) {
			int j = i;
			while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
				j++;
			}
			double rank = (i + j) / 2.0 + 1;
			for (int k = i; k <= j; k++) {
				ranks[order[k]] = rank;
			}
			i = j + 1;
		}
		long positives = 0;
		double rankSum = 0;
		for (int k = 0; k < n; k++) {
			if (outcomes[k]) {
				positives++;
				rankSum += ranks[k];
			}
		}
		long negatives = n - positives;
		if (positives == 0 || negatives == 0) {
			return null;
		}
		return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
	}

	/**
	 * @param probabilities 0–1
	 * @param threshold probability from which a prediction is positive
	 * @return precision, recall and the counts behind them
	 */
	static Map<String, Object> atThreshold(double[] probabilities, boolean[] outcomes, double threshold) {
		long tp = 0;
		long fp = 0;
		long fn = 0;
		for (int i = 0; i < probabilities.length; i++) {
			boolean predicted = probabilities[i] >= threshold;
			if (predicted && outcomes[i]) {
				tp++;
			}
			else if (predicted) {
				fp++;
			}
			else if (outcomes[i]) {
				fn++;
			}
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("threshold", round(threshold));
		result.put("precision", tp + fp == 0 ? null : round((double) tp / (tp + fp)));
		result.put("recall", tp + fn == 0 ? null : round((double) tp / (tp + fn)));
		result.put("predicted_positive", tp + fp);
		return result;
	}

	static double brier(double[] probabilities, boolean[] outcomes) {
		double sum = 0;
		for (int i = 0; i < probabilities.length; i++) {
			double error = probabilities[i] - (outcomes[i] ? 1 : 0);
			sum += error * error;
		}
		return probabilities.length == 0 ? 0 : round(sum / probabilities.length);
	}

	/** @return ten bins of predicted probability with their mean prediction and observed rate */
	static List<Map<String, Object>> calibration(double[] probabilities, boolean[] outcomes) {
		long[] count = new long[10];
		double[] predicted = new double[10];
		long[] observed = new long[10];
		for (int i = 0; i < probabilities.length; i++) {
			int bin = Math.min(9, (int) (probabilities[i] * 10));
			count[bin]++;
			predicted[bin] += probabilities[i];
			observed[bin] += outcomes[i] ? 1 : 0;
		}
		List<Map<String, Object>> bins = new ArrayList<>();
		for (int bin = 0; bin < 10; bin++) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("from", bin / 10.0);
			row.put("to", (bin + 1) / 10.0);
			row.put("count", count[bin]);
			row.put("mean_predicted", count[bin] == 0 ? null : round(predicted[bin] / count[bin]));
			row.put("observed_rate", count[bin] == 0 ? null : round((double) observed[bin] / count[bin]));
			bins.add(row);
		}
		return bins;
	}

	static Double round(Double value) {
		return value == null ? null : Math.round(value * 10_000) / 10_000.0;
	}
}
