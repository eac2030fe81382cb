package io.atrium.scoring;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The model's view of a customer at a cutoff day: behavioral aggregates of the touchpoints before the cutoff
 * (counts over 30, 90 and 365 days per type, spend, recency, active days) and the configured profile traits —
 * numbers (also numbers written as text) as {@code trait:<key>}, booleans as 1/0, anything else as the
 * one-hot {@code trait:<key>=<value trimmed and lower-cased>}. Blank values give no feature (missing).
 *
 * @param names feature names, unique
 * @param values their values
 */
record Features(String[] names, double[] values) {

	/** Touchpoint types with their own features. */
	static final List<String> TYPES = List.of("purchase", "store_visit", "website_visit", "app_session", "email_open",
			"email_click", "sms_click", "push_open", "wifi_login", "parking", "review");

	static final int NO_VISIT_DAYS = 400;

	/**
	 * @param activity touchpoints per day (only days before {@code cutoff} are used)
	 * @param subjectTraits the profile's traits (with {@code member_tier})
	 * @param traits the traits configured as features
	 * @param cutoff the first day not looked at
	 */
	static Features of(Activity activity, ScoreFactor.Subject subjectTraits, List<String> traits, LocalDate cutoff) {
		Map<String, Double> features = new LinkedHashMap<>();
		double[][] counts = new double[TYPES.size()][3];
		double spend90 = 0;
		double spend365 = 0;
		long lastAge = NO_VISIT_DAYS;
		Set<LocalDate> activeDays = new TreeSet<>();
		for (Activity.Day day : activity.days()) {
			if (!day.day().isBefore(cutoff)) {
				continue;
			}
			long age = ChronoUnit.DAYS.between(day.day(), cutoff);
			if (age > 365) {
				continue;
			}
			lastAge = Math.min(lastAge, age);
			if (age <= 90) {
				activeDays.add(day.day());
			}
			int type = TYPES.indexOf(day.type());
			if (type >= 0) {
				if (age <= 30) {
					counts[type][0] += day.events();
				}
				if (age <= 90) {
					counts[type][1] += day.events();
				}
				counts[type][2] += day.events();
			}
			if ("purchase".equals(day.type())) {
				spend365 += day.amount();
				if (age <= 90) {
					spend90 += day.amount();
				}
			}
		}
		for (int type = 0; type < TYPES.size(); type++) {
			String name = TYPES.get(type);
			features.put(name + ":30d", counts[type][0]);
			features.put(name + ":90d", counts[type][1]);
			features.put(name + ":365d", counts[type][2]);
		}
		features.put("spend:90d", spend90);
		features.put("spend:365d", spend365);
		features.put("days_since_last_touchpoint", (double) lastAge);
		features.put("active_days:90d", (double) activeDays.size());
		for (String trait : traits) {
			Object value = subjectTraits.trait(trait);
			if (TraitValues.blank(value)) {
				continue;
			}
			Double number = TraitValues.number(value);
			if (number != null) {
				features.put("trait:" + trait, number);
				continue;
			}
			Boolean truth = TraitValues.truth(value);
			if (truth != null) {
				features.put("trait:" + trait, truth ? 1.0 : 0.0);
				continue;
			}
			if (value instanceof List<?> list) {
				for (Object item : list) {
					if (!TraitValues.blank(item)) {
						features.put("trait:" + trait + "=" + ScoringConfig.fold(item), 1.0);
					}
				}
				continue;
			}
			features.put("trait:" + trait + "=" + ScoringConfig.fold(value), 1.0);
		}
		List<String> names = new ArrayList<>(features.keySet());
		double[] values = new double[names.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = features.get(names.get(i));
		}
		return new Features(names.toArray(String[]::new), values);
	}

	/** @return a readable name of a feature for explanations, e.g. {@code purchase} or {@code member_tier} */
	static String factorOf(String feature) {
		String name = feature.startsWith("trait:") ? feature.substring(6) : feature;
		int cut = name.indexOf(':');
		if (cut < 0) {
			cut = name.indexOf('=');
		}
		return cut < 0 ? name : name.substring(0, cut);
	}
}
