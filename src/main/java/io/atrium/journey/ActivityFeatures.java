package io.atrium.journey;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A customer's activity as of one day, summed from the daily aggregates of the 365 days up to it: the inputs of
 * the health score, the churn models and momentum. Day resolution, so live scoring and model training (features
 * as of a past cutoff) compute them the same way.
 *
 * @param daysSinceLastActive days since the last day with any touchpoint, at most 365
 * @param daysSinceLastPurchase days since the last purchase, at most 365
 * @param activeDays90 days with a touchpoint among the last 90
 * @param touchpoints30 touchpoints in the last 30 days
 * @param touchpointsPrior30 touchpoints in the 30 days before those
 * @param visits90 mall visits in the last 90 days
 * @param purchases365 purchases in the last 365 days
 * @param amount365 spend in the last 365 days (CNY)
 * @param engagements30 digital engagements in the last 30 days
 * @param weekly touchpoints per week for the last 8 weeks, oldest first
 */
record ActivityFeatures(int daysSinceLastActive, int daysSinceLastPurchase, int activeDays90, int touchpoints30,
		int touchpointsPrior30, int visits90, int purchases365, double amount365, int engagements30, int[] weekly) {

	static final int HORIZON = 365;

	/** Names of the features a trained model sees, in {@link #vector()} order. */
	static final String[] NAMES = { "days_since_last_active", "days_since_last_purchase", "active_days_90",
			"touchpoints_30", "touchpoints_prior_30", "visits_90", "purchases_365", "log_amount_365",
			"engagements_30" };

	/**
	 * @param days daily activity by day, possibly holding days after {@code today} (ignored)
	 * @param today the day the features are as of (inclusive)
	 */
	static ActivityFeatures of(NavigableMap<LocalDate, DayActivity> days, LocalDate today) {
		LocalDate from = today.minusDays(HORIZON - 1L);
		int sinceActive = HORIZON;
		int sincePurchase = HORIZON;
		int active90 = 0;
		int t30 = 0;
		int prior30 = 0;
		int visits90 = 0;
		int purchases = 0;
		double amount = 0;
		int engagements30 = 0;
		int[] weekly = new int[8];
		for (Map.Entry<LocalDate, DayActivity> entry : days.subMap(from, true, today, true).entrySet()) {
			int ago = (int) ChronoUnit.DAYS.between(entry.getKey(), today);
			DayActivity day = entry.getValue();
			if (day.touchpoints > 0) {
				sinceActive = Math.min(sinceActive, ago);
			}
			if (day.purchases > 0) {
				sincePurchase = Math.min(sincePurchase, ago);
			}
			if (ago < 90) {
				active90 += day.touchpoints > 0 ? 1 : 0;
				visits90 += day.visits;
			}
			if (ago < 30) {
				t30 += day.touchpoints;
				engagements30 += day.engagements;
			}
			else if (ago < 60) {
				prior30 += day.touchpoints;
			}
			if (ago < 56) {
				weekly[7 - ago / 7] += day.touchpoints;
			}
			purchases += day.purchases;
			amount += day.amount.doubleValue();
		}
		return new ActivityFeatures(sinceActive, sincePurchase, active90, t30, prior30, visits90, purchases, amount,
				engagements30, weekly);
	}

	/** @return the features a trained model sees, named by {@link #NAMES} */
	double[] vector() {
		return new double[] { daysSinceLastActive, daysSinceLastPurchase, activeDays90, touchpoints30,
				touchpointsPrior30, visits90, purchases365, Math.log1p(amount365), engagements30 };
	}
}
