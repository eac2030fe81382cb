package io.atrium.segment;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.atrium.platform.JobProgress;
import io.atrium.shared.CustomerId;

import org.springframework.context.ApplicationContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * Lets the benchmark in {@code io.atrium.bench} drive the module's package-private parts.
 */
public final class SegmentBenchmarkAccess {

	private final ApplicationContext context;

	public SegmentBenchmarkAccess(ApplicationContext context) {
		this.context = context;
	}

	/** Runs the backfill on the caller's thread. */
	public Map<String, Object> backfill(JobProgress progress) {
		return context.getBean(SegmentBackfill.class).run(progress);
	}

	/** Saves a dynamic segment without recomputing it. */
	public UUID define(String name, String rule) {
		JsonMapper json = context.getBean(JsonMapper.class);
		return context.getBean(SegmentManagement.class).create(name, null, "dynamic", json.readTree(rule), "bench").id();
	}

	/** Full set-based recompute. */
	public int recompute(UUID segment, Instant now) {
		return context.getBean(SegmentEvaluation.class).recompute(segment, now);
	}

	/** Incremental re-evaluation of one customer (every active dynamic segment). */
	public void evaluate(CustomerId customer, Instant now) {
		context.getBean(SegmentEvaluation.class).evaluate(customer, now);
	}
}
