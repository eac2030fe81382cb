package io.atrium.journey;

import java.util.ArrayList;
import java.util.List;

/**
 * The transparent churn model in force until a trained one beats it: a logistic function of a few rules with
 * fixed, documented weights. Each term's contribution to the log-odds is returned, so a person can see why a risk
 * is what it is.
 * <pre>
 * log-odds = -1.6
 *          + 0.9 × (days since last touchpoint / 30)
 *          + 0.8 × [no purchase in the last 90 days]
 *          - 0.3 × min(active days in the last 90, 10)
 *          + 0.5 × [momentum declining: last 30 days below the prior 30 by the momentum threshold]
 *          - 0.4 × [two or more purchases in the last 365 days]
 * risk = 1 / (1 + e^-log-odds)
 * </pre>
 */
final class RuleBasedChurnModel implements ChurnModel {

	static final String ID = "rule-based-logistic/1";

	private final double momentumThreshold;

	RuleBasedChurnModel(double momentumThreshold) {
		this.momentumThreshold = momentumThreshold;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public Estimate estimate(ActivityFeatures f) {
		List<Term> terms = new ArrayList<>(6);
		terms.add(new Term("intercept", 1, -1.6));
		terms.add(new Term("days_since_last_touchpoint", f.daysSinceLastActive(), 0.9 * f.daysSinceLastActive() / 30.0));
		boolean noPurchase = f.daysSinceLastPurchase() > 90;
		terms.add(new Term("no_purchase_in_90_days", noPurchase ? 1 : 0, noPurchase ? 0.8 : 0.0));
		int active = Math.min(f.activeDays90(), 10);
		terms.add(new Term("active_days_in_90", f.activeDays90(), -0.3 * active));
		boolean declining = f.touchpointsPrior30() > 0
				&& f.touchpoints30() <= f.touchpointsPrior30() * (1 - momentumThreshold);
		terms.add(new Term("momentum_declining", declining ? 1 : 0, declining ? 0.5 : 0.0));
		boolean repeat = f.purchases365() >= 2;
		terms.add(new Term("repeat_buyer", repeat ? 1 : 0, repeat ? -0.4 : 0.0));
		double logOdds = 0;
		List<Term> rounded = new ArrayList<>(terms.size());
		for (Term term : terms) {
			logOdds += term.contribution();
			rounded.add(new Term(term.name(), term.value(), Math.round(term.contribution() * 1000) / 1000.0));
		}
		return new Estimate(1 / (1 + Math.exp(-logOdds)), rounded);
	}
}
