package io.atrium.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * One delivery log entry. The recipient's address is never shown.
 */
record MessageResponse(UUID id, UUID customerId, String channel, String templateId, String status, String reason,
		Instant createdAt, Instant sentAt, Instant openedAt, Instant clickedAt) {

	static MessageResponse of(Messages.Row row) {
		return new MessageResponse(row.id(), row.customerId(), row.channel(), row.templateId(), row.status(),
				row.reason(), row.createdAt(), row.sentAt(), row.openedAt(), row.clickedAt());
	}
}
