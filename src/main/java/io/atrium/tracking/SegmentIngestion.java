package io.atrium.tracking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.atrium.customer.IdentifyingCustomers;
import io.atrium.shared.CustomerId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies translated Segment messages in one transaction: identity operations first, in the order sent (so a
 * batch that identifies a visitor and then tracks them under the anonymous id lands on one profile), then
 * all touchpoints in one insert. Touchpoints with a {@code userId} belong to the customer with that external
 * id (created when new); those with only an {@code anonymousId} to the profile holding it.
 */
@Service
class SegmentIngestion {

	static final String CUSTOMER_SOURCE = "segment";

	private final IdentifyingCustomers customers;

	private final TrackingTouchpoints tracking;

	SegmentIngestion(IdentifyingCustomers customers, TrackingTouchpoints tracking) {
		this.customers = customers;
		this.tracking = tracking;
	}

	/**
	 * What a request achieved.
	 *
	 * @param stored new touchpoints
	 * @param duplicates touchpoints whose message id was stored before
	 * @param identities identify and alias calls applied
	 */
	record Outcome(int stored, int duplicates, int identities) {
	}

	/**
	 * @param messages valid translated messages
	 * @param source the touchpoint source, e.g. {@code segment:web-shop}
	 */
	@Transactional
	Outcome ingest(List<SegmentTranslation.Translated> messages, String source) {
		int identities = 0;
		for (SegmentTranslation.Translated message : messages) {
			if (message.kind() == SegmentTranslation.Kind.IDENTIFY) {
				customers.identify(message.userId(), message.anonymousId(), message.traits(), CUSTOMER_SOURCE);
				identities++;
			}
			else if (message.kind() == SegmentTranslation.Kind.ALIAS) {
				customers.alias(message.previousId(), message.userId(), CUSTOMER_SOURCE);
				identities++;
			}
		}
		Map<String, CustomerId> anonymous = new HashMap<>();
		List<TouchpointDraft> drafts = new ArrayList<>();
		for (SegmentTranslation.Translated message : messages) {
			if (message.kind() != SegmentTranslation.Kind.TOUCHPOINT) {
				continue;
			}
			if (message.userId() != null) {
				drafts.add(message.draft());
			}
			else {
				CustomerId profile = anonymous.computeIfAbsent(message.anonymousId(),
						id -> customers.resolveAnonymous(id, CUSTOMER_SOURCE));
				drafts.add(message.draft().withCustomer(profile));
			}
		}
		int duplicates = 0;
		List<TrackingTouchpoints.Stored> stored = tracking.record(drafts, source);
		for (TrackingTouchpoints.Stored outcome : stored) {
			if (outcome.duplicate()) {
				duplicates++;
			}
		}
		return new Outcome(stored.size() - duplicates, duplicates, identities);
	}
}
