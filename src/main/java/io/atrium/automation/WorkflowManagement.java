package io.atrium.automation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.atrium.segment.SegmentConditions;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Problem.FieldError;

import io.atrium.shared.Cursor;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, edits and moves workflows through their lifecycle. Editing a draft replaces its only version; editing an
 * active or paused workflow adds a version, and runs already started finish on the version they entered.
 */
@Service
public class WorkflowManagement {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Workflows workflows;

	private final SegmentConditions conditions;

	private final TimeTriggers timeTriggers;

	private final Clock clock;

	WorkflowManagement(Workflows workflows, SegmentConditions conditions, TimeTriggers timeTriggers, Clock clock) {
		this.workflows = workflows;
		this.conditions = conditions;
		this.timeTriggers = timeTriggers;
		this.clock = clock;
	}

	/** The definition's own rules, then each {@code branch} rule tree by the segment module's rule checker. */
	private void validate(JsonNode definition) {
		WorkflowRules.validate(definition);
		JsonNode steps = definition.get("steps");
		List<FieldError> errors = new ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			JsonNode step = steps.get(i);
			if (!"branch".equals(step.get("action_type").asString())) {
				continue;
			}
			JsonNode config = step.path("config");
			if (config.has("rule")) {
				checkRule(config.get("rule"), "steps[" + i + "].config.", errors);
			}
			for (int k = 0; k < config.path("cases").size(); k++) {
				checkRule(config.get("cases").get(k).get("rule"), "steps[" + i + "].config.cases[" + k + "].", errors);
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors.get(0).field() + ": " + errors.get(0).message(), errors);
		}
	}

	private void checkRule(JsonNode rule, String at, List<FieldError> errors) {
		try {
			conditions.check(rule);
		}
		catch (InvalidInput ex) {
			ex.errors().forEach(e -> errors.add(new FieldError(at + e.field(), e.message())));
		}
	}

	@Transactional
	public WorkflowResponse create(JsonNode definition, String actor) {
		validate(definition);
		UUID id = UUID.randomUUID();
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		workflows.insert(id, definition.get("name").asString(), Base64.getEncoder().encodeToString(secret), definition,
				actor, clock.instant());
		return WorkflowResponse.of(get(id));
	}

	@Transactional
	public WorkflowResponse edit(UUID id, JsonNode definition) {
		validate(definition);
		Workflows.Row row = workflows.find(id, true).orElseThrow(() -> new WorkflowNotFound(id));
		WorkflowStatus status = row.status().edit();
		Instant now = clock.instant();
		int version = row.version();
		if (status == WorkflowStatus.DRAFT) {
			workflows.replaceVersion(id, version, definition);
		}
		else {
			version++;
			workflows.insertVersion(id, version, definition, now);
		}
		workflows.update(id, definition.get("name").asString(), status, version, now);
		if (status == WorkflowStatus.ACTIVE) {
			timeTriggers.scheduleNext(get(id));
		}
		return WorkflowResponse.of(get(id));
	}

	@Transactional
	public WorkflowResponse start(UUID id) {
		WorkflowResponse started = move(id, WorkflowStatus::start);
		timeTriggers.scheduleNext(get(id));
		return started;
	}

	@Transactional
	public WorkflowResponse pause(UUID id) {
		return move(id, WorkflowStatus::pause);
	}

	@Transactional
	WorkflowResponse archive(UUID id) {
		return move(id, WorkflowStatus::archive);
	}

	private WorkflowResponse move(UUID id, java.util.function.UnaryOperator<WorkflowStatus> transition) {
		Workflows.Row row = workflows.find(id, true).orElseThrow(() -> new WorkflowNotFound(id));
		workflows.update(id, row.name(), transition.apply(row.status()), row.version(), clock.instant());
		return WorkflowResponse.of(get(id));
	}

	/**
	 * @return the workflow as the API shows it
	 * @throws WorkflowNotFound when no workflow has this id
	 */
	@Transactional(readOnly = true)
	public WorkflowResponse find(UUID id) {
		return WorkflowResponse.of(get(id));
	}

	@Transactional(readOnly = true)
	Workflows.Row get(UUID id) {
		return workflows.find(id, false).orElseThrow(() -> new WorkflowNotFound(id));
	}

	@Transactional(readOnly = true)
	public Page<WorkflowResponse> list(String cursor, Integer limit) {
		int n = Limit.of(limit);
		Instant after = null;
		UUID afterId = null;
		if (cursor != null && !cursor.isBlank()) {
			List<String> parts = Cursor.decode(cursor, 2);
			try {
				after = Instant.parse(parts.get(0));
				afterId = UUID.fromString(parts.get(1));
			}
			catch (RuntimeException ex) {
				throw io.atrium.shared.InvalidInput.of("cursor", "is not a cursor this list issued");
			}
		}
		List<Workflows.Row> rows = workflows.page(after, afterId, n + 1);
		String next = null;
		if (rows.size() > n) {
			rows = rows.subList(0, n);
			Workflows.Row last = rows.get(n - 1);
			next = Cursor.encode(last.createdAt().toString(), last.id().toString());
		}
		return new Page<>(rows.stream().map(WorkflowResponse::of).toList(), next);
	}
}
