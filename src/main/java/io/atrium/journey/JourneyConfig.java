package io.atrium.journey;

import java.util.ArrayList;
import java.util.List;

import io.atrium.shared.InvalidInput;
import io.atrium.shared.Problem.FieldError;

/**
 * What the mall configures about journeys: the windows and thresholds of the progression rules, the health
 * score's targets, and the churn and momentum thresholds. Versioned: every change is a new version.
 *
 * @param stages progression and regression rules
 * @param health what earns a factor's full points
 * @param churn risk level thresholds
 * @param momentum when a trend counts as accelerating or declining
 */
record JourneyConfig(Stages stages, Health health, Churn churn, Momentum momentum) {

	/**
	 * @param considerationWindowDays the window engaged browsing and visits are counted in
	 * @param considerationVisits mall visits in the window that make a customer considering
	 * @param considerationEngagements digital engagements (site, app, email, SMS, push) in the window that do
	 * @param retentionWindowDays the longest gap between two purchases that counts as a repeat purchase
	 * @param advocacyMinPurchases purchases an advocate must have made
	 * @param positiveReviewRating the lowest review rating (1–5) that counts as positive
	 * @param lapseDays days without a purchase after which a buyer falls back to consideration
	 * @param dormantDays days without any touchpoint after which a customer falls back to awareness
	 */
	record Stages(int considerationWindowDays, int considerationVisits, int considerationEngagements,
			int retentionWindowDays, int advocacyMinPurchases, int positiveReviewRating, int lapseDays,
			int dormantDays) {
	}

	/**
	 * @param recencyHalfLifeDays days after the last touchpoint at which recency earns half its points
	 * @param frequencyTargetDays active days in 90 that earn frequency's full points
	 * @param monetaryTarget spend in 365 days (CNY) that earns monetary's full points
	 * @param engagementTarget digital engagements in 30 days that earn engagement's full points
	 */
	record Health(int recencyHalfLifeDays, int frequencyTargetDays, double monetaryTarget, int engagementTarget) {
	}

	/**
	 * @param highThreshold risk above which a customer is high-risk (and an alert is raised)
	 * @param mediumThreshold risk above which a customer is medium-risk
	 */
	record Churn(double highThreshold, double mediumThreshold) {
	}

	/**
	 * @param changeThreshold relative change of the last 30 days against the 30 before that counts as a trend
	 */
	record Momentum(double changeThreshold) {
	}

	/** @return the defaults of issue #4 */
	static JourneyConfig defaults() {
		return new JourneyConfig(new Stages(30, 1, 3, 90, 2, 4, 90, 180), new Health(30, 12, 20_000, 8),
				new Churn(0.7, 0.4), new Momentum(0.25));
	}

	/**
	 * @return this configuration
	 * @throws InvalidInput naming every field out of range (nothing is stored then)
	 */
	JourneyConfig validated() {
		List<FieldError> errors = new ArrayList<>();
		if (stages == null) {
			errors.add(new FieldError("stages", "is required"));
		}
		else {
			range(errors, "stages.consideration_window_days", stages.considerationWindowDays(), 1, 365);
			range(errors, "stages.consideration_visits", stages.considerationVisits(), 1, 100);
			range(errors, "stages.consideration_engagements", stages.considerationEngagements(), 1, 100);
			range(errors, "stages.retention_window_days", stages.retentionWindowDays(), 1, 730);
			range(errors, "stages.advocacy_min_purchases", stages.advocacyMinPurchases(), 2, 100);
			range(errors, "stages.positive_review_rating", stages.positiveReviewRating(), 1, 5);
			range(errors, "stages.lapse_days", stages.lapseDays(), 7, 730);
			range(errors, "stages.dormant_days", stages.dormantDays(), 7, 1095);
			if (stages.dormantDays() < stages.lapseDays()) {
				errors.add(new FieldError("stages.dormant_days", "must not be shorter than lapse_days"));
			}
		}
		if (health == null) {
			errors.add(new FieldError("health", "is required"));
		}
		else {
			range(errors, "health.recency_half_life_days", health.recencyHalfLifeDays(), 1, 365);
			range(errors, "health.frequency_target_days", health.frequencyTargetDays(), 1, 90);
			if (!(health.monetaryTarget() >= 1 && health.monetaryTarget() <= 100_000_000)) {
				errors.add(new FieldError("health.monetary_target", "must be between 1 and 100000000"));
			}
			range(errors, "health.engagement_target", health.engagementTarget(), 1, 1000);
		}
		if (churn == null) {
			errors.add(new FieldError("churn", "is required"));
		}
		else {
			if (!(churn.highThreshold() > 0 && churn.highThreshold() < 1)) {
				errors.add(new FieldError("churn.high_threshold", "must be between 0 and 1 (exclusive)"));
			}
			if (!(churn.mediumThreshold() > 0 && churn.mediumThreshold() < churn.highThreshold())) {
				errors.add(new FieldError("churn.medium_threshold", "must be above 0 and below high_threshold"));
			}
		}
		if (momentum == null) {
			errors.add(new FieldError("momentum", "is required"));
		}
		else if (!(momentum.changeThreshold() > 0 && momentum.changeThreshold() <= 5)) {
			errors.add(new FieldError("momentum.change_threshold", "must be above 0 and at most 5"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput("The journey configuration is invalid", errors);
		}
		return this;
	}

	private static void range(List<FieldError> errors, String field, int value, int min, int max) {
		if (value < min || value > max) {
			errors.add(new FieldError(field, "must be between " + min + " and " + max));
		}
	}
}
