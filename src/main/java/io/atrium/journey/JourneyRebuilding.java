package io.atrium.journey;

import java.util.Map;

import io.atrium.platform.JobAlreadyRunning;
import io.atrium.platform.JobId;
import io.atrium.platform.Jobs;
import io.atrium.platform.JobsBusy;

import org.springframework.stereotype.Service;

/**
 * Starts journey recomputations as jobs. Other modules call {@link #rebuild} after loading touchpoint history in
 * bulk (bulk loads publish no {@code TouchpointRecorded}, so journeys would otherwise not know about it), e.g. the
 * demo load.
 */
@Service
public class JourneyRebuilding {

	/** Job kind of a rebuild from history. */
	public static final String REBUILD = "journey-rebuild";

	/** Job kind of a rescore (time passing). */
	public static final String RESCORE = "journey-rescore";

	private final Jobs jobs;

	private final JourneyRecompute recompute;

	private final StagesToSegments segments;

	JourneyRebuilding(Jobs jobs, JourneyRecompute recompute, StagesToSegments segments) {
		this.jobs = jobs;
		this.recompute = recompute;
		this.segments = segments;
	}

	/**
	 * Queues a rebuild of every journey from stored touchpoint history (stages, transitions, activity, scores);
	 * it publishes no events and raises no alerts, but hands every current stage to the segment module.
	 * @param createdBy who asks (user name or {@code system}), never {@code null}
	 * @return the job, visible at {@code GET /api/jobs/{id}}
	 * @throws JobAlreadyRunning when a rebuild is queued or running
	 * @throws JobsBusy when the job pool is full
	 */
	public JobId rebuild(String createdBy) {
		return jobs.startAlone(REBUILD, Map.of("mode", "rebuild"), createdBy, progress -> {
			Map<String, Object> result = new java.util.LinkedHashMap<>(recompute.rebuild(progress).asMap());
			progress.message("Handing stages to segments");
			result.put("stages_to_segments", segments.handOverAll());
			return result;
		}, view -> {
		});
	}

	/**
	 * Queues a rescore of every journey as of now (regressions that fell due, recency), publishing transitions
	 * and raising alerts like live updates.
	 * @param createdBy who asks, never {@code null}
	 * @return the job
	 * @throws JobAlreadyRunning when a rescore is queued or running
	 * @throws JobsBusy when the job pool is full
	 */
	public JobId rescore(String createdBy) {
		return jobs.startAlone(RESCORE, Map.of("mode", "rescore"), createdBy,
				progress -> recompute.rescore(progress).asMap(), view -> {
				});
	}
}
