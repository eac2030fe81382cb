package io.atrium.scoring;

import io.atrium.platform.JobAlreadyRunning;
import io.atrium.tracking.TouchpointsBulkLoaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Rebuilds scoring's activity from history and rescores everyone after a bulk load of touchpoints (a demo mall, an
 * import from another system), which stores touchpoints without a {@code TouchpointsRecorded}. Switched off with
 * {@code atrium.scoring.rebuild-after-bulk-load=false}.
 */
@Component
class RescoreAfterBulkLoad {

	private static final Logger log = LoggerFactory.getLogger(RescoreAfterBulkLoad.class);

	private final ScoringJobs jobs;

	private final boolean enabled;

	RescoreAfterBulkLoad(ScoringJobs jobs, @Value("${atrium.scoring.rebuild-after-bulk-load:true}") boolean enabled) {
		this.jobs = jobs;
		this.enabled = enabled;
	}

	@ApplicationModuleListener
	void on(TouchpointsBulkLoaded loaded) {
		if (!enabled) {
			return;
		}
		try {
			log.info("Rebuilding scores after a bulk load of {} touchpoints (job {})", loaded.count(),
					jobs.rebuild("system").value());
		}
		catch (JobAlreadyRunning running) {
			log.info("A scoring rebuild is already running; it covers the bulk load of {} touchpoints", loaded.count());
		}
	}
}
