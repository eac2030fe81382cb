/**
 * The append-only audit trail: one row for every write and every refusal (actor, role, action, target,
 * outcome, time, request id), and the ADMIN API that reads it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package io.atrium.audit;
