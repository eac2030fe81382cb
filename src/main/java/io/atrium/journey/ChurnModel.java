package io.atrium.journey;

import java.util.List;

/**
 * Estimates the probability that a customer lapses (no mall visit or purchase in the next 60 days) from their
 * activity features.
 */
interface ChurnModel {

	/** @return the model's name and version as shown in responses, e.g. {@code rule-based-logistic/1} */
	String id();

	/** @return the probability 0–1 with the terms that explain it */
	Estimate estimate(ActivityFeatures features);

	/**
	 * @param probability 0–1
	 * @param terms contributions to the log-odds (rule-based model) or feature values (trained models)
	 */
	record Estimate(double probability, List<Term> terms) {
	}

	/**
	 * @param name what the term measures
	 * @param value the measured input
	 * @param contribution what it adds to the log-odds, or {@code null} when the model does not say
	 */
	record Term(String name, double value, Double contribution) {
	}
}
