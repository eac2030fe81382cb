package io.atrium.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.atrium.shared.InvalidInput;
import io.atrium.shared.Problem.FieldError;

/**
 * How scores are computed: the weights of the composite, the touchpoint weights and decay of the behavioral
 * and engagement scores, the ideal-customer profile of the fit score, the lead-quality and qualification
 * thresholds and what a model is trained on. Stored versioned; the highest version is in force.
 *
 * @param weights composite weight per score kind ({@code behavioral}, {@code demographic}, {@code engagement},
 * {@code predictive}); a kind with no score (no active model) is left out and the others re-weighted
 * @param behavior touchpoint weights and decay of the behavioral score
 * @param engagement message and app responsiveness weights and decay of the engagement score
 * @param fit profile completeness weight and the ideal-customer profile
 * @param quality composite thresholds of {@code warm}, {@code qualified} and {@code hot} (below warm: cold)
 * @param qualification MQL and SQL thresholds
 * @param model what models are trained on and how often
 */
record ScoringConfig(Map<String, Double> weights, Decayed behavior, Decayed engagement, Fit fit, Quality quality,
		QualificationThresholds qualification, ModelSpec model) {

	static final List<String> KINDS = List.of("behavioral", "demographic", "engagement", "predictive");

	static final List<String> ALGORITHMS = List.of("random_forest", "logistic_regression", "gradient_boosting");

	private static final Pattern TRAIT = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	/**
	 * A weighted count of touchpoint types, each event decaying exponentially with its age, mapped onto 0–100 by
	 * {@code 100 × (1 − e^(−points / saturation))}.
	 *
	 * @param typeWeights points per touchpoint of a type; unlisted types count nothing
	 * @param halfLifeDays days after which a touchpoint counts half
	 * @param saturation points at which the score reaches about 63
	 */
	record Decayed(Map<String, Double> typeWeights, double halfLifeDays, double saturation) {
	}

	/**
	 * The fit score: {@code completenessWeight × completeness + (1 − completenessWeight) × fit}, × 100.
	 *
	 * @param completenessWeight 0–1
	 * @param completenessTraits traits (besides name and member tier) whose presence makes a profile complete
	 * @param idealCustomer criteria of the ideal customer, each weighted
	 */
	record Fit(double completenessWeight, List<String> completenessTraits, List<Criterion> idealCustomer) {
	}

	/**
	 * One trait of the ideal customer: a numeric range ({@code min}/{@code max}, either may be absent), a set of
	 * categories (matched case-insensitively), or a boolean. {@code member_tier} may be named like a trait.
	 *
	 * @param trait trait key
	 * @param min lowest matching number, or {@code null}
	 * @param max highest matching number, or {@code null}
	 * @param categories matching values, or {@code null}
	 * @param equalTo the matching boolean, or {@code null}
	 * @param weight its importance, &gt; 0
	 */
	record Criterion(String trait, Double min, Double max, List<String> categories, Boolean equalTo, double weight) {
	}

	/**
	 * @param warm composite from which a lead is warm
	 * @param qualified from which it is qualified
	 * @param hot from which it is hot
	 */
	record Quality(double warm, double qualified, double hot) {
	}

	/**
	 * @param mql composite from which a lead is marketing-qualified
	 * @param sql composite from which it is sales-qualified, when its behavioral score also reaches
	 * {@code sqlMinBehavioral}
	 * @param sqlMinBehavioral behavioral score an SQL needs
	 * @param mqlFit demographic score that, with {@code mqlEngagement}, also makes an MQL
	 * @param mqlEngagement engagement score that, with {@code mqlFit}, also makes an MQL
	 */
	record QualificationThresholds(double mql, double sql, double sqlMinBehavioral, double mqlFit,
			double mqlEngagement) {
	}

	/**
	 * @param algorithm {@code random_forest} (default), {@code logistic_regression} or {@code gradient_boosting}
	 * @param horizonDays days after the cutoff in which the conversion must happen
	 * @param traits profile traits used as features (numbers as numbers, anything else as categories)
	 * @param label the conversion to predict
	 * @param retrainDays retrain the active algorithm every this many days; 0 never
	 */
	record ModelSpec(String algorithm, int horizonDays, List<String> traits, Conversion label, int retrainDays) {
	}

	/**
	 * @param kind {@code purchase} (default: a purchase within the horizon), {@code event} (a touchpoint of
	 * {@code eventType} within the horizon) or {@code trait} (the boolean trait {@code trait} is true)
	 * @param eventType for {@code event}
	 * @param trait for {@code trait}
	 */
	record Conversion(String kind, String eventType, String trait) {
	}

	static ScoringConfig defaults() {
		Map<String, Double> weights = new LinkedHashMap<>();
		weights.put("behavioral", 0.35);
		weights.put("demographic", 0.20);
		weights.put("engagement", 0.20);
		weights.put("predictive", 0.25);
		Map<String, Double> behavior = new LinkedHashMap<>();
		behavior.put("purchase", 10.0);
		behavior.put("store_visit", 3.0);
		behavior.put("review", 4.0);
		behavior.put("app_session", 2.0);
		behavior.put("website_visit", 1.0);
		behavior.put("wifi_login", 1.0);
		behavior.put("parking", 1.5);
		behavior.put("email_click", 2.0);
		behavior.put("sms_click", 2.0);
		Map<String, Double> engagement = new LinkedHashMap<>();
		engagement.put("email_open", 1.0);
		engagement.put("email_click", 3.0);
		engagement.put("sms_click", 3.0);
		engagement.put("push_open", 2.0);
		engagement.put("app_session", 1.5);
		return new ScoringConfig(weights, new Decayed(behavior, 30, 40), new Decayed(engagement, 30, 12),
				new Fit(0.3, List.of("preferred_category"),
						List.of(new Criterion("member_tier", null, null, List.of("gold", "platinum", "diamond"), null, 2),
								new Criterion("lifetime_spend_cny", 5000.0, null, null, null, 2),
								new Criterion("has_car", null, null, null, true, 1))),
				new Quality(35, 60, 80), new QualificationThresholds(50, 75, 40, 70, 50),
				new ModelSpec("random_forest", 30, List.of("member_tier", "preferred_category", "has_car", "kids_count"),
						new Conversion("purchase", null, null), 7));
	}

	/**
	 * @return the weight of each kind in the composite, over the kinds present, summing to 1
	 */
	Map<String, Double> normalizedWeights(boolean predictive) {
		Map<String, Double> result = new LinkedHashMap<>();
		double sum = 0;
		for (String kind : KINDS) {
			if (!predictive && "predictive".equals(kind)) {
				continue;
			}
			double weight = weights.getOrDefault(kind, 0.0);
			result.put(kind, weight);
			sum += weight;
		}
		if (sum <= 0) {
			double even = 1.0 / result.size();
			result.replaceAll((kind, weight) -> even);
			return result;
		}
		double total = sum;
		result.replaceAll((kind, weight) -> weight / total);
		return result;
	}

	/**
	 * @return this configuration when it is usable
	 * @throws InvalidInput naming every field that breaks a rule
	 */
	ScoringConfig validated() {
		List<FieldError> errors = new ArrayList<>();
		if (weights == null || weights.isEmpty()) {
			errors.add(new FieldError("weights", "is required"));
		}
		else {
			weights.forEach((kind, weight) -> {
				if (!KINDS.contains(kind)) {
					errors.add(new FieldError("weights." + kind, "is not a score kind (" + String.join(", ", KINDS) + ")"));
				}
				else if (weight == null || !(weight >= 0 && weight <= 100)) {
					errors.add(new FieldError("weights." + kind, "must be between 0 and 100"));
				}
			});
			if (weights.values().stream().allMatch(weight -> weight == null || weight == 0)) {
				errors.add(new FieldError("weights", "at least one weight must be above 0"));
			}
		}
		decayed("behavior", behavior, errors);
		decayed("engagement", engagement, errors);
		if (fit == null) {
			errors.add(new FieldError("fit", "is required"));
		}
		else {
			if (!(fit.completenessWeight() >= 0 && fit.completenessWeight() <= 1)) {
				errors.add(new FieldError("fit.completeness_weight", "must be between 0 and 1"));
			}
			traits("fit.completeness_traits", fit.completenessTraits(), errors);
			List<Criterion> criteria = fit.idealCustomer() == null ? List.of() : fit.idealCustomer();
			for (int i = 0; i < criteria.size(); i++) {
				criterion("fit.ideal_customer[" + i + "]", criteria.get(i), errors);
			}
		}
		if (quality == null) {
			errors.add(new FieldError("quality", "is required"));
		}
		else if (!(0 <= quality.warm() && quality.warm() <= quality.qualified() && quality.qualified() <= quality.hot()
				&& quality.hot() <= 100)) {
			errors.add(new FieldError("quality", "needs 0 ≤ warm ≤ qualified ≤ hot ≤ 100"));
		}
		if (qualification == null) {
			errors.add(new FieldError("qualification", "is required"));
		}
		else {
			QualificationThresholds q = qualification;
			if (!(0 <= q.mql() && q.mql() <= q.sql() && q.sql() <= 100)) {
				errors.add(new FieldError("qualification", "needs 0 ≤ mql ≤ sql ≤ 100"));
			}
			for (double value : new double[] { q.sqlMinBehavioral(), q.mqlFit(), q.mqlEngagement() }) {
				if (!(value >= 0 && value <= 100)) {
					errors.add(new FieldError("qualification", "thresholds must be between 0 and 100"));
					break;
				}
			}
		}
		model(errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput("The scoring configuration breaks " + errors.size() + " rule(s)", errors);
		}
		return this;
	}

	private void model(List<FieldError> errors) {
		if (model == null) {
			errors.add(new FieldError("model", "is required"));
			return;
		}
		if (model.algorithm() == null || !ALGORITHMS.contains(model.algorithm())) {
			errors.add(new FieldError("model.algorithm", "must be one of " + String.join(", ", ALGORITHMS)));
		}
		if (model.horizonDays() < 1 || model.horizonDays() > 365) {
			errors.add(new FieldError("model.horizon_days", "must be between 1 and 365"));
		}
		if (model.retrainDays() < 0 || model.retrainDays() > 365) {
			errors.add(new FieldError("model.retrain_days", "must be between 0 (never) and 365"));
		}
		traits("model.traits", model.traits(), errors);
		Conversion label = model.label();
		if (label == null || label.kind() == null) {
			errors.add(new FieldError("model.label.kind", "must be purchase, event or trait"));
		}
		else if ("event".equals(label.kind())) {
			if (label.eventType() == null || !TYPE.matcher(label.eventType()).matches()) {
				errors.add(new FieldError("model.label.event_type", "must name a touchpoint type"));
			}
		}
		else if ("trait".equals(label.kind())) {
			if (label.trait() == null || !TRAIT.matcher(label.trait()).matches()) {
				errors.add(new FieldError("model.label.trait", "must name a trait ([a-z][a-z0-9_]*)"));
			}
		}
		else if (!"purchase".equals(label.kind())) {
			errors.add(new FieldError("model.label.kind", "must be purchase, event or trait"));
		}
	}

	private static void decayed(String field, Decayed decayed, List<FieldError> errors) {
		if (decayed == null) {
			errors.add(new FieldError(field, "is required"));
			return;
		}
		if (decayed.typeWeights() == null) {
			errors.add(new FieldError(field + ".type_weights", "is required"));
		}
		else {
			decayed.typeWeights().forEach((type, weight) -> {
				if (!TYPE.matcher(type).matches()) {
					errors.add(new FieldError(field + ".type_weights." + type, "is not a touchpoint type"));
				}
				else if (weight == null || !(weight >= -100 && weight <= 100)) {
					errors.add(new FieldError(field + ".type_weights." + type, "must be between -100 and 100"));
				}
			});
		}
		if (!(decayed.halfLifeDays() >= 1 && decayed.halfLifeDays() <= 3650)) {
			errors.add(new FieldError(field + ".half_life_days", "must be between 1 and 3650"));
		}
		if (!(decayed.saturation() > 0 && decayed.saturation() <= 1_000_000)) {
			errors.add(new FieldError(field + ".saturation", "must be above 0"));
		}
	}

	private static void traits(String field, List<String> traits, List<FieldError> errors) {
		if (traits == null) {
			return;
		}
		if (traits.size() > 100) {
			errors.add(new FieldError(field, "at most 100 traits"));
		}
		for (String trait : traits) {
			if (trait == null || !TRAIT.matcher(trait).matches()) {
				errors.add(new FieldError(field, "trait keys match [a-z][a-z0-9_]*"));
				return;
			}
		}
	}

	private static void criterion(String field, Criterion criterion, List<FieldError> errors) {
		if (criterion == null || criterion.trait() == null || !TRAIT.matcher(criterion.trait()).matches()) {
			errors.add(new FieldError(field + ".trait", "trait keys match [a-z][a-z0-9_]*"));
			return;
		}
		int kinds = (criterion.min() != null || criterion.max() != null ? 1 : 0)
				+ (criterion.categories() != null ? 1 : 0) + (criterion.equalTo() != null ? 1 : 0);
		if (kinds != 1) {
			errors.add(new FieldError(field, "needs exactly one of a range (min/max), categories or equal_to"));
		}
		if (criterion.min() != null && criterion.max() != null && criterion.min() > criterion.max()) {
			errors.add(new FieldError(field + ".min", "must not exceed max"));
		}
		if (!(criterion.weight() > 0 && criterion.weight() <= 100)) {
			errors.add(new FieldError(field + ".weight", "must be above 0 and at most 100"));
		}
	}

	/** @return categories of a criterion in matching form */
	static Set<String> folded(List<String> values) {
		Set<String> folded = new java.util.HashSet<>();
		values.forEach(value -> folded.add(fold(value)));
		return folded;
	}

	/** @return a category value trimmed and lower-cased, the form values are compared and encoded in */
	static String fold(Object value) {
		return String.valueOf(value).strip().toLowerCase(Locale.ROOT);
	}
}
