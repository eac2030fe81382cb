package io.atrium.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One audit row.
 *
 * @param id sequence number, {@code null} before it is stored
 * @param occurredAt when
 * @param actor who ({@code anonymous} when unauthenticated, {@code system} for the application itself)
 * @param role the actor's role, may be {@code null}
 * @param action what, e.g. {@code POST /api/customers} or {@code customer.merge}
 * @param target what it was done to, e.g. {@code /api/customers/CUST001}
 * @param outcome {@code success}, {@code denied} (401/403/429), {@code rejected} (other 4xx) or {@code failed}
 * @param status HTTP status when the action was a request, else {@code null}
 * @param requestId the request's id, may be {@code null}
 * @param detail a few extra facts, never personal data; may be empty
 */
public record AuditEntry(Long id, Instant occurredAt, String actor, String role, String action, String target,
		String outcome, Integer status, String requestId, Map<String, Object> detail) {
}
