package io.atrium.segment;

import java.util.UUID;

import io.atrium.shared.CustomerId;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.NotFound;

import org.springframework.stereotype.Service;

/**
 * Writes to static segments (lists) for other modules (automation's {@code add_to_segment} and
 * {@code remove_from_segment} steps). Both are idempotent and publish {@link SegmentMembershipChanged} only when the
 * membership changed.
 */
@Service
public class SegmentLists {

	private final SegmentManagement management;

	SegmentLists(SegmentManagement management) {
		this.management = management;
	}

	/**
	 * @param segmentId an active static segment
	 * @param customer a profile id
	 * @return whether the customer became a member (false: already was)
	 * @throws NotFound when there is no such segment
	 * @throws InvalidInput when the segment is dynamic
	 * @throws io.atrium.shared.Conflict when it is archived
	 */
	public boolean add(UUID segmentId, CustomerId customer) {
		return management.addMember(segmentId, customer);
	}

	/**
	 * @param segmentId an active static segment
	 * @param customer a profile id
	 * @return whether the customer left (false: was not a member)
	 * @throws NotFound when there is no such segment
	 * @throws InvalidInput when the segment is dynamic
	 * @throws io.atrium.shared.Conflict when it is archived
	 */
	public boolean remove(UUID segmentId, CustomerId customer) {
		return management.removeMember(segmentId, customer);
	}
}
