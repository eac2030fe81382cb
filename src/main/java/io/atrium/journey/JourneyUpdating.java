package io.atrium.journey;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.atrium.customer.CustomersMerged;
import io.atrium.shared.CustomerId;
import io.atrium.tracking.TouchpointHistory;
import io.atrium.tracking.TouchpointRecorded;
import io.atrium.tracking.TouchpointsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps every customer's journey current: applies each recorded touchpoint (stage, daily activity, counts, scores),
 * stores and publishes the transitions it causes, raises a churn alert when a customer crosses into high risk, and
 * folds a merged profile's journey into the survivor's.
 */
@Service
class JourneyUpdating {

	private static final Logger log = LoggerFactory.getLogger(JourneyUpdating.class);

	/** Days of daily activity loaded to score a customer (the longest window is 365 days). */
	static final int DAYS_LOADED = 400;

	private final Journeys journeys;

	private final JourneyConfigs configs;

	private final ChurnModels models;

	private final ChurnAlerts alerts;

	private final TouchpointHistory history;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	JourneyUpdating(Journeys journeys, JourneyConfigs configs, ChurnModels models, ChurnAlerts alerts,
			TouchpointHistory history, ApplicationEventPublisher events, Clock clock) {
		this.journeys = journeys;
		this.configs = configs;
		this.models = models;
		this.alerts = alerts;
		this.history = history;
		this.events = events;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(TouchpointsRecorded recorded) {
		recorded.byCustomer().forEach(this::apply);
	}

	/**
	 * Applies one touchpoint to its customer's journey, in the caller's transaction.
	 * @return the transitions it caused, oldest first
	 */
	@Transactional
	List<StageTransition> apply(TouchpointRecorded recorded) {
		JourneyConfig config = configs.current();
		ZoneId zone = clock.getZone();
		Instant now = clock.instant();
		LocalDate today = now.atZone(zone).toLocalDate();
		CustomerId customer = recorded.customerId();
		journeys.relaxCommit();
		journeys.lock(customer);
		Optional<Journeys.Row> row = journeys.find(customer);
		JourneyState state = row.map(r -> r.state(zone, journeys.days(customer, today.minusDays(DAYS_LOADED))))
			.orElseGet(() -> JourneyState.fresh(customer, zone));
		Touch touch = touch(recorded, config);
		state.apply(touch, config.stages());
		state.catchUp(now, config.stages());
		journeys.addToDay(customer, state.day(touch.at()), touch);
		journeys.addToCount(customer, recorded.touchpointType(), recorded.channel(), 1, recorded.occurredAt());
		return store(state, row.map(Journeys.Row::churnLevel).orElse(null), config, now);
	}

	/**
	 * Scores a state as of now, stores it with its new transitions, publishes them, and raises an alert when the
	 * risk crossed into high.
	 * @return the transitions stored
	 */
	List<StageTransition> store(JourneyState state, String previousLevel, JourneyConfig config, Instant now) {
		LocalDate today = now.atZone(state.zone()).toLocalDate();
		JourneyScores scores = JourneyScores.of(ActivityFeatures.of(state.days, today), config, models.current(config));
		journeys.save(state, scores, now);
		List<StageTransition> transitions = state.journey.transitions();
		if (!transitions.isEmpty()) {
			journeys.insertTransitions(transitions, now);
			transitions.forEach(transition -> events.publishEvent(transition.event()));
		}
		raiseIfCrossed(state.customerId(), previousLevel, scores, now);
		return transitions;
	}

	/** Raises an alert when the level is high now, was not before, and no alert is open for the customer.
	 * @return whether an alert was raised */
	boolean raiseIfCrossed(CustomerId customer, String previousLevel, JourneyScores scores, Instant now) {
		if (JourneyScores.HIGH.equals(scores.churnLevel()) && !JourneyScores.HIGH.equals(previousLevel)
				&& !alerts.hasOpen(customer)) {
			ChurnAlerts.Alert alert = new ChurnAlerts.Alert(UUID.randomUUID(), customer, scores.churnRisk(),
					scores.churnLevel(), scores.churnModel(), now, null, null);
			alerts.insert(alert);
			events.publishEvent(new ChurnRiskRaised(alert.id(), customer, alert.risk(), alert.model(), now));
			return true;
		}
		return false;
	}

	private Touch touch(TouchpointRecorded recorded, JourneyConfig config) {
		boolean positive = "referral".equals(recorded.touchpointType());
		if (Touch.needsDetails(recorded.touchpointType())) {
			positive = history.find(recorded.touchpointId())
				.map(found -> Touch.positive(found.touchpointType(), found.rating(), found.event(),
						config.stages().positiveReviewRating()))
				.orElse(false);
		}
		return new Touch(recorded.touchpointId(), recorded.touchpointType(), recorded.channel(),
				recorded.occurredAt(), recorded.amount(), positive);
	}

	@ApplicationModuleListener
	void on(CustomersMerged merged) {
		merge(merged.merged(), merged.survivor());
	}

	/**
	 * Folds the merged profile's journey into the survivor's: activity, counts and open alerts move; the survivor
	 * is promoted (reason {@code profiles_merged}) when the combined facts earn a higher stage.
	 */
	@Transactional
	void merge(CustomerId merged, CustomerId survivor) {
		if (merged.equals(survivor)) {
			return;
		}
		boolean mergedFirst = merged.value().compareTo(survivor.value()) < 0;
		journeys.lock(mergedFirst ? merged : survivor);
		journeys.lock(mergedFirst ? survivor : merged);
		JourneyConfig config = configs.current();
		ZoneId zone = clock.getZone();
		Instant now = clock.instant();
		LocalDate since = LocalDate.of(1970, 1, 1);
		Optional<Journeys.Row> absorbedRow = journeys.find(merged);
		if (absorbedRow.isEmpty()) {
			return;
		}
		JourneyState absorbed = absorbedRow.get().state(zone, journeys.days(merged, since));
		Optional<Journeys.Row> survivorRow = journeys.find(survivor);
		JourneyState state;
		if (survivorRow.isEmpty()) {
			Journeys.Row r = absorbedRow.get();
			state = new JourneyState(CustomerJourney.of(survivor, r.stage(), r.stageSince(), r.highest()), zone);
		}
		else {
			state = survivorRow.get().state(zone, journeys.days(survivor, since));
		}
		state.absorb(absorbed);
		state.promote(now, "profiles_merged", config.stages());
		state.catchUp(now, config.stages());
		journeys.mergeCounts(merged, survivor);
		if (survivorRow.isEmpty()) {
			journeys.moveTransitions(merged, survivor);
		}
		journeys.deleteAll(List.of(merged.value()));
		journeys.deleteDays(survivor);
		journeys.insertDays(Map.of(survivor.value(), state.days));
		alerts.reassign(merged, survivor);
		store(state, survivorRow.map(Journeys.Row::churnLevel).orElse(null), config, now);
		log.info("Folded the journey of merged profile {} into {}", merged, survivor);
	}
}
