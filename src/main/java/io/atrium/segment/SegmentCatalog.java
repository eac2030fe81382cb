package io.atrium.segment;

import java.util.List;
import java.util.UUID;

import io.atrium.shared.Page;

import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;

/**
 * Segments for modules that present them to people (the dashboard): list with sizes, one with its size history,
 * a rule's live count, creation of a dynamic segment (its membership is computed by a job, as through
 * {@code POST /api/segments}) and members. Same validation as the API.
 */
@Service
public class SegmentCatalog {

	private final SegmentManagement management;

	SegmentCatalog(SegmentManagement management) {
		this.management = management;
	}

	/** @return active segments with their current sizes */
	public Page<SegmentResponse> list(String cursor, Integer limit) {
		return management.list(false, cursor, limit)
			.map(row -> SegmentResponse.of(row, management.size(row.id()), null, null));
	}

	/** @throws SegmentNotFound when no segment has this id */
	public SegmentResponse get(UUID id) {
		return SegmentResponse.of(management.get(id), management.size(id), management.history(id), null);
	}

	/**
	 * @return how many active customers the rule matches now
	 * @throws io.atrium.shared.InvalidInput when the rule is not valid
	 */
	public long preview(JsonNode rule) {
		return management.preview(rule).count();
	}

	/** Creates a dynamic segment and starts computing its members. */
	public SegmentResponse createDynamic(String name, String description, JsonNode rule, String actor) {
		SegmentRow row = management.create(name, description, SegmentRow.DYNAMIC, rule, actor);
		var job = management.startRecompute(row.id(), actor);
		return SegmentResponse.of(row, 0, null, job == null ? null : job.value());
	}

	/** @return members' external ids */
	public Page<String> members(UUID id, String cursor, Integer limit) {
		return management.members(id, cursor, limit);
	}

	/** Lists the segments by name only (for pickers). */
	public List<SegmentResponse> all() {
		return list(null, 500).items();
	}
}
