package io.atrium.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * A loaded conversion model: the probability that a customer converts, and which features moved it.
 *
 * @param version the model's version
 * @param algorithm how it was trained
 * @param traits profile traits it reads
 * @param model the Tribuo model (thread-safe for prediction)
 * @param forest the same model flattened for fast scoring when it is a random forest, or {@code null}
 */
record TrainedModel(int version, String algorithm, List<String> traits, Model<Label> model, CompiledForest forest) {

	/**
	 * @return the model, with a flattened evaluator when it is a random forest
	 */
	static TrainedModel of(int version, String algorithm, List<String> traits, Model<Label> model) {
		return new TrainedModel(version, algorithm, traits, model, CompiledForest.of(model).orElse(null));
	}

	static final String YES = "yes";

	static final String NO = "no";

	/**
	 * @return the probability of conversion, 0–1
	 */
	double probability(Features features) {
		return probability(features.names(), features.values());
	}

	double probability(String[] names, double[] values) {
		if (forest != null) {
			return clamp(forest.probability(names, ModelValues.squash(values)));
		}
		return tribuoProbability(names, values);
	}

	/** @return the probability as Tribuo's own prediction computes it */
	double tribuoProbability(String[] names, double[] values) {
		Prediction<Label> prediction = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names,
				ModelValues.squash(values)));
		Map<String, Label> scores = prediction.getOutputScores();
		Label yes = scores.get(YES);
		if (yes != null) {
			return clamp(yes.getScore());
		}
		return YES.equals(prediction.getOutput().getLabel()) ? 1 : 0;
	}

	/**
	 * Per-feature deltas against a baseline without the feature: how many predictive points (0–100) each
	 * present feature adds, summed per readable factor.
	 * @return contributions, largest magnitude first
	 */
	List<ScoreFactor.Contribution> contributions(Features features, double probability) {
		String[] names = features.names();
		double[] values = features.values();
		Map<String, Double> byFactor = new java.util.LinkedHashMap<>();
		for (int i = 0; i < names.length; i++) {
			if (values[i] == 0) {
				continue;
			}
			double kept = values[i];
			values[i] = 0;
			double without = probability(names, values);
			values[i] = kept;
			byFactor.merge(Features.factorOf(names[i]), 100 * (probability - without), Double::sum);
		}
		List<ScoreFactor.Contribution> result = new ArrayList<>();
		byFactor.forEach((factor, impact) -> {
			if (Math.abs(impact) >= 0.01) {
				result.add(new ScoreFactor.Contribution(factor, "predictive", impact));
			}
		});
		result.sort(Comparator.comparingDouble((ScoreFactor.Contribution c) -> -Math.abs(c.impact())));
		return result;
	}

	Features features(Activity activity, ScoreFactor.Subject subject, LocalDate today) {
		return Features.of(activity, subject, traits, today.plusDays(1));
	}

	private static double clamp(double value) {
		return Double.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
	}
}
