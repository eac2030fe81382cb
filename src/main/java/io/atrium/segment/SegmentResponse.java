package io.atrium.segment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * A segment as the API shows it.
 *
 * @param size current number of members
 * @param lastComputedAt when the last full recompute finished, or {@code null}
 * @param sizeHistory sizes at past full recomputes, newest first (single-segment reads only)
 * @param recomputeJobId the job recomputing the segment, when a write started one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SegmentResponse(UUID id, String name, String description, String type, JsonNode rule, String status, int size,
		Instant lastComputedAt, String createdBy, Instant createdAt, Instant updatedAt, List<SizePoint> sizeHistory,
		UUID recomputeJobId) {

	/** The size of a segment at a moment. */
	public record SizePoint(Instant at, int size) {
	}

	static SegmentResponse of(SegmentRow row, int size, List<Segments.SizeAt> history, UUID job) {
		return new SegmentResponse(row.id(), row.name(), row.description(), row.type(), row.rule(), row.status(), size,
				row.lastComputedAt(), row.createdBy(), row.createdAt(), row.updatedAt(),
				history == null ? null : history.stream().map(h -> new SizePoint(h.at(), h.size())).toList(), job);
	}
}
