package io.atrium.journey;

import io.atrium.segment.SegmentStandings;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Hands stage changes to the segment module, whose {@code lifecycle_stage} rules compare them. (Segments cannot
 * listen to {@link LifecycleStageChanged} themselves: this module already depends on them for journey patterns.)
 * One touchpoint can move a customer through several stages at the same instant and the outbox delivers their
 * events in any order, so what is handed over is the journey's current stage when the event is handled, not the
 * event's {@code to}.
 */
@Component
class StagesToSegments {

	private final CustomerJourneys journeys;

	private final SegmentStandings standings;

	StagesToSegments(CustomerJourneys journeys, SegmentStandings standings) {
		this.journeys = journeys;
		this.standings = standings;
	}

	@ApplicationModuleListener
	void on(LifecycleStageChanged changed) {
		journeys.find(changed.customerId())
			.ifPresent(journey -> standings.stageChanged(journey.customerId(), journey.stage().code(),
					journey.stageSince()));
	}
}
