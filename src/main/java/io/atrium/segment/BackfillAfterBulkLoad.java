package io.atrium.segment;

import io.atrium.platform.JobAlreadyRunning;
import io.atrium.shared.Actor;
import io.atrium.tracking.TouchpointsBulkLoaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the segment facts from history after a bulk load of touchpoints, which stores them without a
 * {@code TouchpointsRecorded}. Switched off with {@code atrium.segment.backfill-after-bulk-load=false}.
 */
@Component
class BackfillAfterBulkLoad {

	private static final Logger log = LoggerFactory.getLogger(BackfillAfterBulkLoad.class);

	private final SegmentBackfill backfill;

	private final boolean enabled;

	BackfillAfterBulkLoad(SegmentBackfill backfill,
			@Value("${atrium.segment.backfill-after-bulk-load:true}") boolean enabled) {
		this.backfill = backfill;
		this.enabled = enabled;
	}

	@ApplicationModuleListener
	void on(TouchpointsBulkLoaded loaded) {
		if (!enabled) {
			return;
		}
		try {
			backfill.start(Actor.SYSTEM.name());
		}
		catch (JobAlreadyRunning running) {
			log.info("A segment backfill is already running; it covers the bulk load of {} touchpoints",
					loaded.count());
		}
	}
}
