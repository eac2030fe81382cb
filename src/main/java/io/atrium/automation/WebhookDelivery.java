package io.atrium.automation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.atrium.messaging.EgressClient;
import io.atrium.messaging.EgressRefused;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The {@code webhook} action: POSTs a JSON body through the {@link EgressClient}, signed with the workflow's secret
 * ({@code X-Atrium-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))}, timestamp in
 * {@code X-Atrium-Timestamp}), with the same {@code X-Atrium-Event-Id} on every attempt. 2xx succeeds; 429 and 5xx
 * retry (honouring {@code Retry-After}); other statuses and refused targets fail into the dead-letter list. A confirmed
 * delivery is never repeated. Delivery is at-least-once: a claim that a killed process never confirmed is taken over
 * after {@link #LEASE} and delivered again with the same event id, which the receiver dedupes on (exactly-once effect).
 */
@Component
class WebhookDelivery {

	/**
	 * How long an unconfirmed attempt is presumed in flight before another may take over: longer than the egress
	 * client's whole-request timeout (15 s), so a live attempt is normally never duplicated.
	 */
	static final Duration LEASE = Duration.ofSeconds(20);

	private final EgressClient egress;

	private final Workflows workflows;

	private final WorkflowRuns runs;

	private final JsonMapper json;

	private final Clock clock;

	WebhookDelivery(EgressClient egress, Workflows workflows, WorkflowRuns runs, JsonMapper json, Clock clock) {
		this.egress = egress;
		this.workflows = workflows;
		this.runs = runs;
		this.json = json;
		this.clock = clock;
	}

	StepResult deliver(RunExecution.StepContext c) {
		String key = c.idempotencyKey();
		Instant now = clock.instant();
		if (!runs.claimSideEffect(key, c.run().id(), c.step(), now) && !runs.reclaimSideEffect(key, LEASE)) {
			String outcome = runs.sideEffectOutcome(key).orElse("claimed");
			if ("delivered".equals(outcome)) {
				return StepResult.next(c.step() + 1, "already_delivered");
			}
			if ("claimed".equals(outcome) || "retryable".equals(outcome)) {
				// another attempt is in flight (or was, in a killed process): look again when its lease has expired
				return StepResult.defer(now.plus(LEASE), "attempt_in_flight");
			}
			return StepResult.fail(outcome);
		}
		String eventId = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("event_id", eventId);
		body.put("workflow_id", c.run().workflowId().toString());
		body.put("run_id", c.run().id().toString());
		body.put("customer_id", c.run().customerId().toString());
		body.put("step", c.step());
		if (c.config().has("payload")) {
			body.put("payload", c.config().get("payload"));
		}
		String text = json.writeValueAsString(body);
		String timestamp = Long.toString(now.getEpochSecond());
		String secret = workflows.find(c.run().workflowId(), false).orElseThrow().signingSecret();
		Map<String, String> headers = Map.of("X-Atrium-Event-Id", eventId, "X-Atrium-Timestamp", timestamp,
				"X-Atrium-Signature", "sha256=" + sign(secret, timestamp + "." + text));
		try {
			EgressClient.Response response = egress.postJson(c.config().get("url").asString(), headers, text);
			int status = response.status();
			if (status >= 200 && status < 300) {
				runs.settleSideEffect(key, "delivered");
				return StepResult.next(c.step() + 1, "delivered: " + status);
			}
			if (status == 429 || status >= 500) {
				runs.settleSideEffect(key, "retryable");
				return StepResult.retry("http " + status, retryAfter(response.retryAfter(), now).orElse(null));
			}
			runs.settleSideEffect(key, "rejected: http " + status);
			return StepResult.fail("http " + status);
		}
		catch (EgressRefused ex) {
			runs.settleSideEffect(key, "refused: " + ex.getMessage());
			return StepResult.fail("refused: " + ex.getMessage());
		}
		catch (IOException ex) {
			runs.settleSideEffect(key, "retryable");
			return StepResult.retry(ex.getClass().getSimpleName(), null);
		}
	}

	static Optional<Instant> retryAfter(Optional<String> header, Instant now) {
		if (header.isEmpty()) {
			return Optional.empty();
		}
		String value = header.get().trim();
		try {
			long seconds = Long.parseLong(value);
			return Optional.of(now.plus(Duration.ofSeconds(Math.max(0, Math.min(seconds, 86_400)))));
		}
		catch (NumberFormatException ex) {
			try {
				Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				return Optional.of(at.isBefore(now) ? now : at);
			}
			catch (RuntimeException unparsable) {
				return Optional.empty();
			}
		}
	}

	static String sign(String secret, String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
