package io.atrium.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import io.atrium.customer.ConsentStatus;
import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.customer.ProfileUpdates;
import io.atrium.segment.SegmentConditions;
import io.atrium.segment.SegmentLists;
import io.atrium.shared.Conflict;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.NotFound;
import io.atrium.journey.CustomerJourneys;
import io.atrium.messaging.Delivery;
import io.atrium.messaging.OutboundMessage;
import io.atrium.messaging.SendingMessages;
import io.atrium.shared.CustomerId;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * The allow-listed action executors. Each reads its typed config and returns a {@link StepResult}; none evaluates
 * anything from the definition as code. Side effects go out under the step's idempotency key (run id + step index,
 * the same on every attempt), so a retried or resumed step never sends twice.
 */
@Component
class StepActions {

	/** One action type's executor. */
	interface Executor {

		StepResult execute(RunExecution.StepContext context);
	}

	private final Map<String, Executor> executors;

	private final SendingMessages messaging;

	private final CustomerDirectory directory;

	private final CustomerJourneys journeys;

	private final WorkflowRuns runs;

	private final Clock clock;

	private final ProfileUpdates profiles;

	private final SegmentLists lists;

	private final SegmentConditions conditions;

	StepActions(SendingMessages messaging, CustomerDirectory directory, CustomerJourneys journeys, WorkflowRuns runs,
			WebhookDelivery webhooks, AutomationTasks tasks, ProfileUpdates profiles, SegmentLists lists,
			SegmentConditions conditions, Clock clock) {
		this.messaging = messaging;
		this.directory = directory;
		this.journeys = journeys;
		this.runs = runs;
		this.profiles = profiles;
		this.lists = lists;
		this.conditions = conditions;
		this.clock = clock;
		this.executors = Map.ofEntries(Map.entry("wait", this::waitStep),
				Map.entry("send_email", c -> send(c, "email")), Map.entry("send_sms", c -> send(c, "sms")),
				Map.entry("send_push", c -> send(c, "push")), Map.entry("webhook", webhooks::deliver),
				Map.entry("create_task", tasks::create), Map.entry("branch", this::branch),
				Map.entry("ab_split", this::split), Map.entry("exit", c -> StepResult.exit(
						c.config().path("reason").isString() ? c.config().get("reason").asString() : "exit_step")),
				Map.entry("update_field", this::updateField), Map.entry("add_to_segment", c -> segmentList(c, true)),
				Map.entry("remove_from_segment", c -> segmentList(c, false)),
				Map.entry("update_score", this::recordOnly));
	}

	StepResult execute(RunExecution.StepContext context) {
		Executor executor = executors.get(context.actionType());
		if (executor == null) {
			return StepResult.fail("unknown action type");
		}
		return executor.execute(context);
	}

	private StepResult waitStep(RunExecution.StepContext c) {
		JsonNode config = c.config();
		Instant now = clock.instant();
		Instant until;
		if (config.has("until_event")) {
			if (c.run().waitingFor() != null) {
				// the timeout came first (an event would have moved the run past this step)
				int next = config.has("timeout_step") ? config.get("timeout_step").asInt() : c.step() + 1;
				return StepResult.next(next, "timeout: " + c.run().waitingFor());
			}
			Instant timeout;
			if (config.has("timeout_minutes")) {
				timeout = now.plus(Duration.ofSeconds(Math.round(config.get("timeout_minutes").asDouble() * 60)));
			}
			else if (config.has("timeout_days")) {
				timeout = now.plus(Duration.ofSeconds(Math.round(config.get("timeout_days").asDouble() * 86_400)));
			}
			else {
				timeout = now.plus(Duration.ofSeconds(Math.round(config.get("timeout_hours").asDouble() * 3_600)));
			}
			return StepResult.awaitEvent(config.get("until_event").asString(), timeout);
		}
		if (config.has("until")) {
			until = OffsetDateTime.parse(config.get("until").asString()).toInstant();
		}
		else if (config.has("wait_minutes")) {
			until = now.plus(Duration.ofSeconds(Math.round(config.get("wait_minutes").asDouble() * 60)));
		}
		else if (config.has("wait_days")) {
			until = now.plus(Duration.ofSeconds(Math.round(config.get("wait_days").asDouble() * 86_400)));
		}
		else {
			until = now.plus(Duration.ofSeconds(Math.round(config.get("wait_hours").asDouble() * 3_600)));
		}
		return StepResult.waitUntil(c.step() + 1, until);
	}

	private StepResult send(RunExecution.StepContext c, String channel) {
		JsonNode config = c.config();
		Delivery delivery = messaging.send(new OutboundMessage(c.idempotencyKey(), new CustomerId(c.run().customerId()),
				channel, config.get("template_id").asString(),
				config.path("subject").isString() ? config.get("subject").asString() : null,
				"workflow:" + c.run().workflowId()));
		switch (delivery.status()) {
			case "sent":
				return StepResult.next(c.step() + 1, "sent");
			case "duplicate":
				return StepResult.next(c.step() + 1, "already_sent");
			case "refused":
				return StepResult.next(c.step() + 1, "refused: " + delivery.reason());
			case "deferred":
				return StepResult.defer(delivery.notBefore(), delivery.reason());
			default:
				return delivery.retryable() ? StepResult.retry(delivery.reason(), null)
						: StepResult.fail(delivery.reason());
		}
	}

	private StepResult branch(RunExecution.StepContext c) {
		JsonNode config = c.config();
		CustomerId customer = new CustomerId(c.run().customerId());
		if (config.has("cases")) {
			JsonNode cases = config.get("cases");
			for (int k = 0; k < cases.size(); k++) {
				if (conditions.matches(cases.get(k).get("rule"), customer)) {
					return StepResult.next(cases.get(k).get("step").asInt(), "case " + k);
				}
			}
			return StepResult.next(config.get("default_step").asInt(), "default");
		}
		boolean yes;
		if (config.has("stage")) {
			yes = journeys.find(customer).map(j -> j.stage().code().equals(config.get("stage").asString()))
				.orElse(false);
		}
		else if (config.has("member_tier")) {
			yes = directory.find(customer).map(CustomerSummary::memberTier)
				.map(t -> t.equalsIgnoreCase(config.get("member_tier").asString())).orElse(false);
		}
		else if (config.has("rule")) {
			yes = conditions.matches(config.get("rule"), customer);
		}
		else {
			ConsentStatus consent = directory.currentConsents(customer).get(config.get("has_consent").asString());
			yes = consent != null && consent.granted();
		}
		int next = yes ? config.get("yes_step").asInt() : config.get("no_step").asInt();
		return StepResult.next(next, yes ? "yes" : "no");
	}

	private StepResult split(RunExecution.StepContext c) {
		JsonNode variants = c.config().get("variants");
		double total = 0;
		for (JsonNode v : variants) {
			total += v.get("weight").asDouble();
		}
		UUID id = c.run().id();
		double draw = (Math.floorMod(id.getLeastSignificantBits() ^ (id.getMostSignificantBits() * 31 + c.step()),
				1_000_000L) / 1_000_000.0) * total;
		JsonNode chosen = variants.get(variants.size() - 1);
		for (JsonNode v : variants) {
			draw -= v.get("weight").asDouble();
			if (draw < 0) {
				chosen = v;
				break;
			}
		}
		runs.recordVariant(id, chosen.get("name").asString());
		return StepResult.next(chosen.get("step").asInt(), "variant: " + chosen.get("name").asString());
	}

	/** Sets a profile field or custom trait through the customer module (idempotent: the same value again). */
	private StepResult updateField(RunExecution.StepContext c) {
		JsonNode config = c.config();
		CustomerId customer = new CustomerId(c.run().customerId());
		try {
			if (config.has("trait")) {
				JsonNode value = config.get("value");
				Object scalar = value.isNull() ? null : value.isString() ? value.asString()
						: value.isBoolean() ? (Object) value.asBoolean() : value.numberValue();
				profiles.setTrait(customer, config.get("trait").asString(), scalar);
				return StepResult.next(c.step() + 1, "trait_set: " + config.get("trait").asString());
			}
			profiles.setField(customer, config.get("field").asString(), config.get("value").asString());
			return StepResult.next(c.step() + 1, "field_set: " + config.get("field").asString());
		}
		catch (InvalidInput | NotFound ex) {
			return StepResult.fail("update_field refused: " + ex.getMessage());
		}
	}

	/** Adds to or removes from a static segment through the segment module (idempotent). */
	private StepResult segmentList(RunExecution.StepContext c, boolean add) {
		UUID segment = UUID.fromString(c.config().get("segment_id").asString());
		CustomerId customer = new CustomerId(c.run().customerId());
		try {
			boolean changed = add ? lists.add(segment, customer) : lists.remove(segment, customer);
			return StepResult.next(c.step() + 1, add ? (changed ? "added" : "already_member")
					: (changed ? "removed" : "not_a_member"));
		}
		catch (InvalidInput | NotFound | Conflict ex) {
			return StepResult.fail((add ? "add_to_segment" : "remove_from_segment") + " refused: " + ex.getMessage());
		}
	}

	private StepResult recordOnly(RunExecution.StepContext c) {
		runs.claimSideEffect(c.idempotencyKey(), c.run().id(), c.step(), clock.instant());
		runs.settleSideEffect(c.idempotencyKey(), "recorded");
		return StepResult.next(c.step() + 1, "recorded");
	}
}
