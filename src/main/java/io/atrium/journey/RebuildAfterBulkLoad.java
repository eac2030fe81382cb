package io.atrium.journey;

import io.atrium.platform.JobAlreadyRunning;
import io.atrium.tracking.TouchpointsBulkLoaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Rebuilds journeys from history after a bulk load of touchpoints (a demo mall, an import from another
 * system), which stores touchpoints without a {@code TouchpointRecorded} for each. Switched off with
 * {@code atrium.journey.rebuild-after-bulk-load=false}.
 */
@Component
class RebuildAfterBulkLoad {

	private static final Logger log = LoggerFactory.getLogger(RebuildAfterBulkLoad.class);

	private final JourneyRebuilding rebuilding;

	private final boolean enabled;

	RebuildAfterBulkLoad(JourneyRebuilding rebuilding,
			@Value("${atrium.journey.rebuild-after-bulk-load:true}") boolean enabled) {
		this.rebuilding = rebuilding;
		this.enabled = enabled;
	}

	@ApplicationModuleListener
	void on(TouchpointsBulkLoaded loaded) {
		if (!enabled) {
			return;
		}
		try {
			log.info("Rebuilding journeys after a bulk load of {} touchpoints (job {})", loaded.count(),
					rebuilding.rebuild("system").value());
		}
		catch (JobAlreadyRunning running) {
			log.info("A journey rebuild is already running; it covers the bulk load of {} touchpoints",
					loaded.count());
		}
	}
}
