package io.atrium.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import io.atrium.shared.CustomerId;

/**
 * Everything the journey knows about one customer: the lifecycle aggregate, lifetime counters and the daily
 * activity. Touchpoints are applied in any order; time-based regressions are applied up to a moment by
 * {@link #catchUp}. The same code replays history (recompute) and applies one live touchpoint.
 */
final class JourneyState {

	final CustomerJourney journey;

	Instant firstSeen;

	Instant lastSeen;

	int touchpoints;

	int purchases;

	BigDecimal monetary = BigDecimal.ZERO;

	Instant lastPurchaseAt;

	Instant previousPurchaseAt;

	int positiveSignals;

	final NavigableMap<LocalDate, DayActivity> days;

	private final ZoneId zone;

	JourneyState(CustomerJourney journey, ZoneId zone) {
		this(journey, zone, new TreeMap<>());
	}

	JourneyState(CustomerJourney journey, ZoneId zone, NavigableMap<LocalDate, DayActivity> days) {
		this.journey = journey;
		this.zone = zone;
		this.days = days;
	}

	static JourneyState fresh(CustomerId customerId, ZoneId zone) {
		return new JourneyState(CustomerJourney.notStarted(customerId), zone);
	}

	CustomerId customerId() {
		return journey.customerId();
	}

	LocalDate day(Instant instant) {
		return instant.atZone(zone).toLocalDate();
	}

	ZoneId zone() {
		return zone;
	}

	/**
	 * Applies time-based regressions that fire up to {@code until}, each at the moment it fires.
	 */
	void catchUp(Instant until, JourneyConfig.Stages config) {
		while (journey.started()) {
			RegressionRule due = null;
			Instant dueAt = null;
			for (RegressionRule rule : RegressionRule.allCurrentRules()) {
				Optional<Instant> at = rule.firesAt(journey.stage(), lastSeen, lastPurchaseAt, config);
				if (at.isPresent() && !at.get().isAfter(until) && rule.fallsTo().ordinal() < journey.stage().ordinal()
						&& (dueAt == null || at.get().isBefore(dueAt))) {
					due = rule;
					dueAt = at.get();
				}
			}
			if (due == null) {
				return;
			}
			journey.regress(due.fallsTo(), due.reason(), dueAt);
		}
	}

	/**
	 * Applies one touchpoint: regressions due before it, then the counters, then promotion to the highest stage
	 * the rules earn.
	 */
	void apply(Touch touch, JourneyConfig.Stages config) {
		catchUp(touch.at(), config);
		record(touch);
		promote(touch, config);
	}

	/** Adds the touchpoint to the counters and its day, without evaluating rules. */
	void record(Touch touch) {
		touchpoints++;
		if (firstSeen == null || touch.at().isBefore(firstSeen)) {
			firstSeen = touch.at();
		}
		if (lastSeen == null || touch.at().isAfter(lastSeen)) {
			lastSeen = touch.at();
		}
		if (touch.purchase()) {
			purchases++;
			if (touch.amount() != null) {
				monetary = monetary.add(touch.amount());
			}
			notePurchase(touch.at());
		}
		if (touch.positiveSignal()) {
			positiveSignals++;
		}
		days.computeIfAbsent(day(touch.at()), d -> new DayActivity()).add(touch);
	}

	void notePurchase(Instant at) {
		if (lastPurchaseAt == null || at.isAfter(lastPurchaseAt)) {
			previousPurchaseAt = lastPurchaseAt;
			lastPurchaseAt = at;
		}
		else if (previousPurchaseAt == null || at.isAfter(previousPurchaseAt)) {
			previousPurchaseAt = at;
		}
	}

	private void promote(Touch touch, JourneyConfig.Stages config) {
		Instant at = touch.at().isBefore(lastSeen) ? lastSeen : touch.at();
		ProgressionRule.earned(ProgressionRule.allCurrentRules(), facts(at, config), config)
			.filter(earned -> earned.stage().above(journey.stage()))
			.ifPresent(earned -> journey.promote(earned.stage(), earned.reason(), touch.id(), touch.at()));
	}

	/** Re-evaluates promotion rules at {@code at} without a touchpoint (after a merge). */
	void promote(Instant at, String reason, JourneyConfig.Stages config) {
		ProgressionRule.earned(ProgressionRule.allCurrentRules(), facts(at, config), config)
			.filter(earned -> earned.stage().above(journey.stage()))
			.ifPresent(earned -> journey.promote(earned.stage(), reason, null, at));
	}

	JourneyFacts facts(Instant at, JourneyConfig.Stages config) {
		LocalDate last = day(at);
		LocalDate first = last.minusDays(config.considerationWindowDays() - 1L);
		int visits = 0;
		int engagements = 0;
		for (Map.Entry<LocalDate, DayActivity> entry : days.subMap(first, true, last, true).entrySet()) {
			visits += entry.getValue().visits;
			engagements += entry.getValue().engagements;
		}
		return new JourneyFacts(at, touchpoints, purchases, lastPurchaseAt, previousPurchaseAt, positiveSignals, visits,
				engagements);
	}

	/** Folds another customer's counters and days into this one (profile merge). */
	void absorb(JourneyState other) {
		touchpoints += other.touchpoints;
		purchases += other.purchases;
		monetary = monetary.add(other.monetary);
		positiveSignals += other.positiveSignals;
		if (other.firstSeen != null && (firstSeen == null || other.firstSeen.isBefore(firstSeen))) {
			firstSeen = other.firstSeen;
		}
		if (other.lastSeen != null && (lastSeen == null || other.lastSeen.isAfter(lastSeen))) {
			lastSeen = other.lastSeen;
		}
		if (other.previousPurchaseAt != null) {
			notePurchase(other.previousPurchaseAt);
		}
		if (other.lastPurchaseAt != null) {
			notePurchase(other.lastPurchaseAt);
		}
		other.days.forEach((day, activity) -> days.computeIfAbsent(day, d -> new DayActivity()).add(activity));
	}
}
