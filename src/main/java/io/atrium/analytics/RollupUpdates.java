package io.atrium.analytics;

import java.util.Map;

import io.atrium.platform.JobAlreadyRunning;
import io.atrium.platform.Jobs;
import io.atrium.shared.Actor;
import io.atrium.tracking.TouchpointsBulkLoaded;
import io.atrium.tracking.TouchpointsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Folds recorded touchpoints into the rollups after the recording transaction committed, and backfills the
 * rollups as a job after a bulk history load (switched off with
 * {@code atrium.analytics.rebuild-after-bulk-load=false}).
 */
@Component
class RollupUpdates {

	static final String REBUILD = "analytics-rebuild";

	private static final Logger log = LoggerFactory.getLogger(RollupUpdates.class);

	private final AnalyticsRollups rollups;

	private final Jobs jobs;

	private final boolean rebuildAfterBulkLoad;

	RollupUpdates(AnalyticsRollups rollups, Jobs jobs,
			@Value("${atrium.analytics.rebuild-after-bulk-load:true}") boolean rebuildAfterBulkLoad) {
		this.rollups = rollups;
		this.jobs = jobs;
		this.rebuildAfterBulkLoad = rebuildAfterBulkLoad;
	}

	@ApplicationModuleListener
	void on(TouchpointsRecorded recorded) {
		rollups.apply(recorded.byCustomer());
	}

	@ApplicationModuleListener
	void on(TouchpointsBulkLoaded loaded) {
		if (!rebuildAfterBulkLoad) {
			return;
		}
		try {
			jobs.startAlone(REBUILD, Map.of("after_bulk_load", loaded.count()), Actor.SYSTEM.name(),
					progress -> Map.of("counted", rollups.rebuild()), view -> {
					});
		}
		catch (JobAlreadyRunning running) {
			log.info("An analytics rebuild is already running; it covers the bulk load of {} touchpoints",
					loaded.count());
		}
	}
}
