package io.atrium.analytics;

import java.util.List;

import io.atrium.tracking.TouchpointRecorded;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Folds each recorded touchpoint into the rollups, after the recording transaction committed. */
@Component
class RollupUpdates {

	private final AnalyticsRollups rollups;

	RollupUpdates(AnalyticsRollups rollups) {
		this.rollups = rollups;
	}

	@ApplicationModuleListener
	void on(TouchpointRecorded touchpoint) {
		rollups.apply(List.of(touchpoint));
	}
}
