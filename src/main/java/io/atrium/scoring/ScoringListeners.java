package io.atrium.scoring;

import io.atrium.customer.CustomersMerged;
import io.atrium.tracking.TouchpointsRecorded;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps scores current: every recorded touchpoint moves the customer's scores, every merge moves the merged
 * profile's activity and scores to the survivor. Delivered through the event outbox, at least once; a
 * touchpoint already counted is ignored.
 */
@Component
class ScoringListeners {

	private final ScoringManagement scoring;

	ScoringListeners(ScoringManagement scoring) {
		this.scoring = scoring;
	}

	@ApplicationModuleListener
	void on(TouchpointsRecorded recorded) {
		recorded.byCustomer().forEach(scoring::record);
	}

	@ApplicationModuleListener
	void on(CustomersMerged merged) {
		scoring.merge(merged);
	}
}
