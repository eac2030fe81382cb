package io.atrium.platform;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A job as callers see it.
 *
 * @param id the job id
 * @param kind what the job does, e.g. {@code demo-load}
 * @param status {@code queued}, {@code running}, {@code succeeded} or {@code failed}
 * @param done units finished
 * @param total units in all, or {@code null} while unknown
 * @param percent 0–100, {@code 100} once succeeded, {@code null} while the total is unknown
 * @param message what the job is doing, or why it failed; never a stack trace
 * @param parameters what the job was started with
 * @param result what the job produced, or {@code null}
 * @param createdBy who started it
 * @param createdAt when it was requested
 * @param startedAt when it started running, or {@code null}
 * @param finishedAt when it ended, or {@code null}
 */
public record JobView(UUID id, String kind, String status, long done, Long total, Integer percent, String message,
		Map<String, Object> parameters, Map<String, Object> result, String createdBy, Instant createdAt,
		Instant startedAt, Instant finishedAt) {

	/** @return whether the job has ended, well or not */
	public boolean finished() {
		return "succeeded".equals(status) || "failed".equals(status);
	}

	static Integer percent(String status, long done, Long total) {
		if ("succeeded".equals(status)) {
			return 100;
		}
		if (total == null || total <= 0) {
			return null;
		}
		return (int) Math.min(100, done * 100 / total);
	}
}
