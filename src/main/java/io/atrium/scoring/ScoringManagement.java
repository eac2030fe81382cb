package io.atrium.scoring;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.customer.CustomersMerged;
import io.atrium.shared.CustomerId;
import io.atrium.tracking.TouchpointRecorded;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes and stores scores. Every path locks the customer's score row first, so concurrent touchpoints,
 * rescoring and merges of one customer are serialised and each ledger row's {@code old} is the value the
 * previous change left.
 */
@Service
class ScoringManagement {

	private final LeadScores scores;

	private final ScoringActivities activities;

	private final ScoringConfigs configs;

	private final ActiveModel models;

	private final CustomerDirectory directory;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final Clock clock;

	ScoringManagement(LeadScores scores, ScoringActivities activities, ScoringConfigs configs, ActiveModel models,
			CustomerDirectory directory, ApplicationEventPublisher events, JsonMapper json, Clock clock) {
		this.scores = scores;
		this.activities = activities;
		this.configs = configs;
		this.models = models;
		this.directory = directory;
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * A customer's scores as just computed and stored.
	 *
	 * @param customerId the customer
	 * @param externalId its external id, or {@code null}
	 * @param scores breakdown, composite, quality and top factors
	 * @param decision qualification and the rule that decided it
	 * @param modelVersion the model of the predictive score, or {@code null}
	 * @param configVersion the configuration used (0: built-in defaults)
	 * @param scoredAt when
	 */
	record Scored(CustomerId customerId, String externalId, ScoreFactors.Scores scores,
			QualificationRule.Decision decision, String previousQualification, Integer modelVersion, int configVersion,
			Instant scoredAt, boolean changed) {

		/** @return the stored values as published in {@link LeadScoresChanged} */
		LeadScoresChanged.Change change() {
			Map<String, Double> values = stored(scores);
			return new LeadScoresChanged.Change(customerId, rounded(values.get("composite")),
					rounded(values.get("behavioral")), rounded(values.get("demographic")),
					rounded(values.get("engagement")), rounded(values.get("predictive")), scores.quality(), scoredAt);
		}

		private static double rounded(Double value) {
			return LeadScores.scaled(value == null ? 0.0 : value).doubleValue();
		}
	}

	/**
	 * Recomputes and stores a customer's scores.
	 * @param cause ledger cause of any change ({@code rescore}, {@code config}, {@code model}, …)
	 * @param causeRef e.g. the config or model version, or {@code null}
	 * @param explain whether the predictive score is explained per feature
	 */
	@Transactional
	Scored rescore(CustomerId customer, String cause, String causeRef, boolean explain) {
		Instant now = clock.instant();
		LeadScores.ScoreRow row = scores.lock(customer, now);
		CustomerSummary profile = directory.find(customer).orElse(null);
		Scored scored = write(customer, profile, row, activities.of(customer), cause, causeRef, explain, now);
		if (scored.changed()) {
			events.publishEvent(new LeadScoresChanged(List.of(scored.change())));
		}
		return scored;
	}

	/**
	 * Counts a touchpoint once: first the decay since the last change is booked (cause {@code decay}), then the
	 * touchpoint itself (cause {@code touchpoint}, its id as reference).
	 */
	@Transactional
	void record(TouchpointRecorded touchpoint) {
		Instant now = clock.instant();
		if (!activities.firstSight(touchpoint.touchpointId(), now)) {
			return;
		}
		CustomerId customer = directory.current(touchpoint.customerId());
		LeadScores.ScoreRow row = scores.lock(customer, now);
		CustomerSummary profile = directory.find(customer).orElse(null);
		boolean decayed = write(customer, profile, row, activities.of(customer), "decay", null, false, now).changed();
		LocalDate day = touchpoint.occurredAt().atZone(clock.getZone()).toLocalDate();
		activities.add(customer, touchpoint.touchpointType(), day, 1, touchpoint.amount());
		LeadScores.ScoreRow after = scores.lock(customer, now);
		Scored scored = write(customer, profile, after, activities.of(customer), "touchpoint",
				touchpoint.touchpointId().toString(), false, now);
		if (decayed || scored.changed()) {
			events.publishEvent(new LeadScoresChanged(List.of(scored.change())));
		}
	}

	/**
	 * Moves the merged profile's activity to the survivor: the merged profile's scores go to zero through the
	 * ledger (cause {@code merge}) and its row is removed; the survivor is rescored (cause {@code merge}).
	 */
	@Transactional
	void merge(CustomersMerged merged) {
		Instant now = clock.instant();
		CustomerId first = merged.merged().value().compareTo(merged.survivor().value()) < 0 ? merged.merged()
				: merged.survivor();
		CustomerId second = first.equals(merged.merged()) ? merged.survivor() : merged.merged();
		scores.lock(first, now);
		scores.lock(second, now);
		LeadScores.ScoreRow absorbed = scores.lock(merged.merged(), now);
		Map<String, Double> zero = new LinkedHashMap<>();
		LeadScores.KINDS.forEach(kind -> zero.put(kind, 0.0));
		boolean absorbedChanged = !scores
			.apply(absorbed, zero, "cold", null, null, "[]", "merge", merged.survivor().toString(), now)
			.isEmpty();
		scores.remove(merged.merged());
		activities.move(merged.merged(), merged.survivor());
		LeadScores.ScoreRow survivor = scores.lock(merged.survivor(), now);
		Scored scored = write(merged.survivor(), directory.find(merged.survivor()).orElse(null), survivor,
				activities.of(merged.survivor()), "merge", merged.merged().toString(), false, now);
		List<LeadScoresChanged.Change> changes = new java.util.ArrayList<>();
		if (absorbedChanged) {
			changes.add(new LeadScoresChanged.Change(merged.merged(), 0, 0, 0, 0, 0, "cold", now));
		}
		if (scored.changed()) {
			changes.add(scored.change());
		}
		if (!changes.isEmpty()) {
			events.publishEvent(new LeadScoresChanged(changes));
		}
	}

	private Scored write(CustomerId customer, CustomerSummary profile, LeadScores.ScoreRow row, Activity activity,
			String cause, String causeRef, boolean explain, Instant now) {
		ScoringConfigs.Versioned config = configs.current();
		TrainedModel model = models.current().orElse(null);
		ScoreFactor.Subject subject = subject(profile, activity, LocalDate.ofInstant(now, clock.getZone()));
		List<ScoreFactor> factors = ScoreFactors.allCurrentFactors(config.config(), model, explain);
		ScoreFactors.Scores computed = ScoreFactors.score(config.config(), factors, subject);
		Map<String, Double> values = stored(computed);
		boolean changed = !scores.apply(row, values, computed.quality(), model == null ? null : model.version(),
				config.version(), json.writeValueAsString(computed.topFactors()), cause, causeRef, now).isEmpty();
		QualificationRule.Decision decision = QualificationRule
			.decide(QualificationRule.allCurrentRules(config.config().qualification()), computed);
		scores.qualify(customer, row.qualification(), decision.qualification(), decision.rule(), computed.composite(), now);
		if (!row.qualification().equals(decision.qualification())) {
			events.publishEvent(new LeadQualified(customer, row.qualification(), decision.qualification(),
					decision.rule(), LeadScores.scaled(computed.composite()).doubleValue(), now));
		}
		return new Scored(customer, profile == null ? null : profile.externalId(), computed, decision,
				row.qualification(), model == null ? null : model.version(), config.version(), now, changed);
	}

	/** @return the values kept per kind: every kind, predictive 0 without a model, and the composite */
	static Map<String, Double> stored(ScoreFactors.Scores computed) {
		Map<String, Double> values = new LinkedHashMap<>(computed.kinds());
		values.putIfAbsent("predictive", 0.0);
		values.put("composite", computed.composite());
		return values;
	}

	static ScoreFactor.Subject subject(CustomerSummary profile, Activity activity, LocalDate today) {
		if (profile == null) {
			return new ScoreFactor.Subject(null, Map.of(), 0, activity, today);
		}
		int named = (profile.firstName() != null && !profile.firstName().isBlank() ? 1 : 0)
				+ (profile.lastName() != null && !profile.lastName().isBlank() ? 1 : 0);
		return new ScoreFactor.Subject(profile.memberTier(), profile.traits(), named, activity, today);
	}
}
