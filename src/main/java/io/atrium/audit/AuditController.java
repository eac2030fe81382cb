package io.atrium.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.atrium.shared.InvalidInput;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit}: the audit trail for ADMINs, newest first, filterable and keyset-paginated.
 */
@RestController
class AuditController {

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping("/api/audit")
	Page<AuditEntry> audit(@RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, @RequestParam(required = false) String target,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		if (outcome != null && !outcome.matches("success|denied|rejected|failed")) {
			throw InvalidInput.of("outcome", "must be one of success, denied, rejected, failed");
		}
		return trail.find(new AuditTrail.Filter(actor, action, target, outcome, instant("from", from),
				instant("to", to)), cursor, Limit.of(limit));
	}

	private static Instant instant(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw InvalidInput.of(field, "must be an ISO-8601 instant, e.g. 2026-11-24T00:00:00Z");
		}
	}
}
