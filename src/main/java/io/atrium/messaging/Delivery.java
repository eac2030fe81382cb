package io.atrium.messaging;

import java.util.UUID;

/**
 * What happened to a send.
 *
 * @param messageId the delivery log entry, or {@code null} for a preview
 * @param status {@code sent}, {@code refused}, {@code failed} or {@code duplicate} (already handled under that key)
 * @param reason why it was refused or failed (e.g. {@code consent_missing}, {@code quiet_hours}), or {@code null}
 * @param retryable whether a later attempt may succeed (transient provider or SMTP errors, quiet hours)
 * @param notBefore for quiet hours, when sending becomes allowed; otherwise {@code null}
 */
public record Delivery(UUID messageId, String status, String reason, boolean retryable, java.time.Instant notBefore) {

	/** @return whether the message left (now or under an earlier attempt with the same key) */
	public boolean delivered() {
		return "sent".equals(status) || "duplicate".equals(status);
	}
}
