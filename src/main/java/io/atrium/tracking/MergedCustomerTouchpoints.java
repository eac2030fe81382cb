package io.atrium.tracking;

import io.atrium.customer.CustomersMerged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps a person's history in one place: when two profiles are merged, the absorbed profile's touchpoints move
 * to the survivor.
 */
@Component
class MergedCustomerTouchpoints {

	private static final Logger log = LoggerFactory.getLogger(MergedCustomerTouchpoints.class);

	private final Touchpoints touchpoints;

	private final MergeMoves moves;

	private final ApplicationEventPublisher events;

	MergedCustomerTouchpoints(Touchpoints touchpoints, MergeMoves moves, ApplicationEventPublisher events) {
		this.touchpoints = touchpoints;
		this.moves = moves;
		this.events = events;
	}

	@ApplicationModuleListener
	void on(CustomersMerged merged) {
		moves.remember(merged.merged(), merged.survivor());
		int moved = touchpoints.reassign(merged.merged(), merged.survivor());
		log.info("Moved {} touchpoints of merged profile {} to {}", moved, merged.merged(), merged.survivor());
		events.publishEvent(new TouchpointsReassigned(merged.merged(), merged.survivor(), moved));
	}
}
