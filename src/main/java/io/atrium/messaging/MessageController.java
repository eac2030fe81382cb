package io.atrium.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.atrium.shared.Cursor;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery log: {@code GET /api/messaging/messages?customer_id=}, newest first.
 */
@RestController
class MessageController {

	private final Messages messages;

	MessageController(Messages messages) {
		this.messages = messages;
	}

	@GetMapping("/api/messaging/messages")
	@Transactional(readOnly = true)
	Page<MessageResponse> list(@RequestParam(name = "customer_id", required = false) String customerId,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		UUID customer = null;
		if (customerId != null && !customerId.isBlank()) {
			try {
				customer = UUID.fromString(customerId);
			}
			catch (IllegalArgumentException ex) {
				throw InvalidInput.of("customer_id", "must be a UUID");
			}
		}
		int n = Limit.of(limit);
		Instant before = null;
		UUID beforeId = null;
		List<String> parts = Cursor.decode(cursor, 2);
		if (!parts.isEmpty()) {
			try {
				before = Instant.parse(parts.get(0));
				beforeId = UUID.fromString(parts.get(1));
			}
			catch (RuntimeException ex) {
				throw InvalidInput.of("cursor", "is not a cursor this list issued");
			}
		}
		List<Messages.Row> rows = messages.page(customer, before, beforeId, n + 1);
		String next = null;
		if (rows.size() > n) {
			rows = rows.subList(0, n);
			Messages.Row last = rows.get(n - 1);
			next = Cursor.encode(last.createdAt().toString(), last.id().toString());
		}
		return new Page<>(rows.stream().map(MessageResponse::of).toList(), next);
	}
}
