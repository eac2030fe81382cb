package io.atrium.segment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.shared.CustomerId;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access to current segment memberships for other modules (automation, messaging, the profile view). It
 * never writes; memberships change only through rules, static-list edits and their events.
 */
@Service
@Transactional(readOnly = true)
public class SegmentMembership {

	private final Memberships memberships;

	private final Segments segments;

	SegmentMembership(Memberships memberships, Segments segments) {
		this.memberships = memberships;
		this.segments = segments;
	}

	/** @return the active segments' names by id, in the order segments are listed; never {@code null} */
	public Map<UUID, String> activeNames() {
		Map<UUID, String> names = new LinkedHashMap<>();
		segments.active().forEach(row -> names.put(row.id(), row.name()));
		return names;
	}

	/**
	 * @param segmentId a segment id, not {@code null}
	 * @return the segment's current size (members), or empty when there is no such segment
	 */
	public java.util.Optional<Integer> size(UUID segmentId) {
		return segments.find(segmentId).map(SegmentRow::size);
	}

	/**
	 * @param segmentId a segment id, not {@code null}
	 * @return whether a segment with this id exists (archived ones included)
	 */
	public boolean exists(UUID segmentId) {
		return segments.find(segmentId).isPresent();
	}

	/**
	 * @param segmentId a segment id, not {@code null}
	 * @param customerId a profile id, not {@code null}
	 * @return whether the customer is a member now ({@code false} for unknown ids)
	 */
	public boolean isMember(UUID segmentId, CustomerId customerId) {
		return memberships.isMember(segmentId, customerId);
	}

	/**
	 * @param customerId a profile id, not {@code null}
	 * @return the ids of the active segments the customer belongs to now, in the order entered; never {@code null}
	 */
	public List<UUID> segmentsOf(CustomerId customerId) {
		return memberships.segmentsOf(customerId);
	}

	/**
	 * @param segmentId a segment id, not {@code null}
	 * @param cursor {@code next_cursor} of the previous page, or {@code null} for the first
	 * @param limit page size, {@code null} for the default (50, at most 500)
	 * @return the current members, ordered by profile id
	 */
	public Page<CustomerId> members(UUID segmentId, String cursor, Integer limit) {
		return memberships.members(segmentId, cursor, Limit.of(limit));
	}
}
