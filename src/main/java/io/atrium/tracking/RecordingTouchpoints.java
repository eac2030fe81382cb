package io.atrium.tracking;

import java.time.Instant;
import java.util.List;

import io.atrium.shared.CustomerId;

import org.springframework.stereotype.Service;

/**
 * Records one touchpoint on behalf of another module (e.g. messaging feeding back email opens and clicks), through
 * the same path as API ingestion: stored once per message id and published in a {@link TouchpointsRecorded}.
 */
@Service
public class RecordingTouchpoints {

	private final TrackingTouchpoints tracking;

	RecordingTouchpoints(TrackingTouchpoints tracking) {
		this.tracking = tracking;
	}

	/**
	 * @param customerId the profile, not {@code null}
	 * @param type an allowed touchpoint type, e.g. {@code email_open}
	 * @param channel e.g. {@code email}
	 * @param occurredAt when it happened
	 * @param messageId deduplication id: a second call with the same id stores nothing
	 * @param campaignId the campaign, or {@code null}
	 * @param source who recorded it, e.g. {@code messaging}
	 */
	public void record(CustomerId customerId, String type, String channel, Instant occurredAt, String messageId,
			String campaignId, String source) {
		tracking.record(List.of(new TouchpointDraft(null, customerId, type, channel, occurredAt, messageId, campaignId,
				null, null, null, null, null, null, "{}")), source);
	}
}
