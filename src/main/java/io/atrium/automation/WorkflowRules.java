package io.atrium.automation;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.atrium.journey.Stage;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Problem.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * Validates a workflow definition in the brief's shape ({@code name}, {@code trigger {trigger_type, config}},
 * {@code steps [{action_type, config}]}) against the allow-listed trigger and action types and each type's config.
 * Nothing in a definition is ever evaluated as code: every node is a typed value read by a small executor.
 */
final class WorkflowRules {

	static final Set<String> TRIGGER_TYPES = Set.of("time", "behavior", "lifecycle_stage", "score", "segment",
			"manual");

	static final Set<String> ACTION_TYPES = Set.of("send_email", "send_sms", "send_push", "update_field",
			"add_to_segment", "remove_from_segment", "wait", "webhook", "create_task", "update_score", "branch",
			"ab_split", "exit");

	static final Set<String> UPDATABLE_FIELDS = io.atrium.customer.ProfileUpdates.FIELDS;

	static final List<String> BRANCH_CONDITIONS = List.of("stage", "member_tier", "has_consent", "rule");

	static final Set<String> QUALIFICATIONS = Set.of("mql", "sql");

	static final int MAX_STEPS = 100;

	private WorkflowRules() {
	}

	/**
	 * @param definition the request body
	 * @throws InvalidInput naming every offending path, e.g. {@code steps[1].config.wait_hours}
	 */
	static void validate(JsonNode definition) {
		List<FieldError> errors = new ArrayList<>();
		if (definition == null || !definition.isObject()) {
			throw InvalidInput.of("body", "must be a JSON object");
		}
		for (String field : definition.propertyNames()) {
			if (!List.of("name", "trigger", "steps", "settings").contains(field)) {
				errors.add(new FieldError(field, "is not a workflow field (name, trigger, steps, settings)"));
			}
		}
		JsonNode name = definition.get("name");
		if (name == null || !name.isString() || name.asString().isBlank() || name.asString().length() > 200) {
			errors.add(new FieldError("name", "must be a non-blank string of at most 200 characters"));
		}
		validateTrigger(definition.get("trigger"), errors);
		JsonNode steps = definition.get("steps");
		if (steps == null || !steps.isArray() || steps.isEmpty() || steps.size() > MAX_STEPS) {
			errors.add(new FieldError("steps", "must be an array of 1 to " + MAX_STEPS + " steps"));
		}
		else {
			for (int i = 0; i < steps.size(); i++) {
				validateStep(steps.get(i), "steps[" + i + "]", steps.size(), errors);
			}
		}
		validateSettings(definition.get("settings"), errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors.get(0).field() + ": " + errors.get(0).message(), errors);
		}
	}

	private static void validateSettings(JsonNode settings, List<FieldError> errors) {
		if (settings == null || settings.isNull()) {
			return;
		}
		if (!settings.isObject()) {
			errors.add(new FieldError("settings", "must be an object"));
			return;
		}
		JsonNode reentry = settings.get("allow_reentry");
		if (reentry != null && !reentry.isBoolean()) {
			errors.add(new FieldError("settings.allow_reentry", "must be a boolean"));
		}
		JsonNode exitOn = settings.get("exit_on_touchpoint_types");
		if (exitOn != null && !stringArray(exitOn)) {
			errors.add(new FieldError("settings.exit_on_touchpoint_types", "must be an array of strings"));
		}
		optionalText(settings, "goal_touchpoint_type", "settings.", errors);
		JsonNode window = settings.get("goal_window_days");
		if (window != null && (!window.isIntegralNumber() || window.asInt() < 1 || window.asInt() > 366)) {
			errors.add(new FieldError("settings.goal_window_days", "must be a whole number of days from 1 to 366"));
		}
	}

	private static void validateTrigger(JsonNode trigger, List<FieldError> errors) {
		if (trigger == null || !trigger.isObject()) {
			errors.add(new FieldError("trigger", "must be an object with trigger_type and config"));
			return;
		}
		JsonNode type = trigger.get("trigger_type");
		if (type == null || !type.isString() || !TRIGGER_TYPES.contains(type.asString())) {
			errors.add(new FieldError("trigger.trigger_type", "must be one of " + new java.util.TreeSet<>(TRIGGER_TYPES)));
			return;
		}
		JsonNode config = trigger.get("config");
		if (config == null || config.isNull()) {
			config = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
		}
		if (!config.isObject()) {
			errors.add(new FieldError("trigger.config", "must be an object"));
			return;
		}
		String path = "trigger.config.";
		switch (type.asString()) {
			case "lifecycle_stage":
				if (!text(config, "stage") || Stage.of(config.get("stage").asString()).isEmpty()) {
					errors.add(new FieldError(path + "stage", "must be a lifecycle stage, e.g. awareness"));
				}
				break;
			case "behavior":
				requireText(config, "touchpoint_type", path, errors);
				optionalNumber(config, "min_amount", path, errors);
				optionalText(config, "store_id", path, errors);
				optionalText(config, "channel", path, errors);
				break;
			case "time":
				if (config.has("at")) {
					requireDateTime(config, "at", path, errors);
				}
				else if (!text(config, "cron")) {
					errors.add(new FieldError(path + "at", "either at (ISO date-time) or cron is required"));
				}
				else if (!org.springframework.scheduling.support.CronExpression.isValidExpression(config.get("cron").asString())) {
					errors.add(new FieldError(path + "cron",
							"must be a cron expression with six fields (second minute hour day month weekday), e.g. 0 0 10 * * MON"));
				}
				requireUuid(config, "segment_id", path, errors);
				break;
			case "score":
				if (config.has("threshold")) {
					errors.add(new FieldError(path + "threshold",
							"threshold crossing is not available yet (scoring publishes no score-change event); use qualification"));
				}
				else if (config.has("qualification")) {
					if (!text(config, "qualification") || !QUALIFICATIONS.contains(config.get("qualification").asString())) {
						errors.add(new FieldError(path + "qualification", "must be mql or sql"));
					}
				}
				else if (!config.path("qualified").isBoolean() || !config.get("qualified").asBoolean()) {
					errors.add(new FieldError(path + "qualification", "qualification (mql or sql) or qualified: true is required"));
				}
				break;
			case "segment":
				requireUuid(config, "segment_id", path, errors);
				if (!text(config, "on") || !Set.of("enter", "leave").contains(config.get("on").asString())) {
					errors.add(new FieldError(path + "on", "must be enter or leave"));
				}
				break;
			default:
				break;
		}
	}

	private static void validateStep(JsonNode step, String at, int stepCount, List<FieldError> errors) {
		if (step == null || !step.isObject()) {
			errors.add(new FieldError(at, "must be an object with action_type and config"));
			return;
		}
		JsonNode type = step.get("action_type");
		if (type == null || !type.isString() || !ACTION_TYPES.contains(type.asString())) {
			errors.add(new FieldError(at + ".action_type", "must be one of " + new java.util.TreeSet<>(ACTION_TYPES)));
			return;
		}
		JsonNode config = step.get("config");
		if (config == null || config.isNull()) {
			config = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
		}
		if (!config.isObject()) {
			errors.add(new FieldError(at + ".config", "must be an object"));
			return;
		}
		String path = at + ".config.";
		switch (type.asString()) {
			case "wait":
				int given = 0;
				for (String unit : List.of("wait_minutes", "wait_hours", "wait_days")) {
					if (config.has(unit)) {
						given++;
						JsonNode v = config.get(unit);
						if (!v.isNumber() || v.asDouble() <= 0 || v.asDouble() > 366 * 24 * 60) {
							errors.add(new FieldError(path + unit, "must be a positive number"));
						}
					}
				}
				if (config.has("until")) {
					given++;
					requireDateTime(config, "until", path, errors);
				}
				if (config.has("until_event")) {
					given++;
					requireText(config, "until_event", path, errors);
					int timeouts = 0;
					for (String unit : List.of("timeout_minutes", "timeout_hours", "timeout_days")) {
						if (config.has(unit)) {
							timeouts++;
							JsonNode v = config.get(unit);
							if (!v.isNumber() || v.asDouble() <= 0 || v.asDouble() > 366 * 24 * 60) {
								errors.add(new FieldError(path + unit, "must be a positive number"));
							}
						}
					}
					if (timeouts != 1) {
						errors.add(new FieldError(path + "timeout_hours",
								"exactly one of timeout_minutes, timeout_hours or timeout_days is required with until_event"));
					}
					if (config.has("timeout_step")) {
						requireStepIndex(config, "timeout_step", path, stepCount, errors);
					}
				}
				if (given != 1) {
					errors.add(new FieldError(path + "wait_hours",
							"exactly one of wait_minutes, wait_hours, wait_days, until or until_event is required"));
				}
				break;
			case "send_email":
				requireText(config, "template_id", path, errors);
				requireText(config, "subject", path, errors);
				break;
			case "send_sms":
			case "send_push":
				requireText(config, "template_id", path, errors);
				break;
			case "update_field":
				if (config.has("trait")) {
					if (!text(config, "trait") || config.get("trait").asString().length() > 64) {
						errors.add(new FieldError(path + "trait", "must be a trait key of at most 64 characters"));
					}
					JsonNode value = config.get("value");
					if (value == null || !(value.isString() || value.isNumber() || value.isBoolean() || value.isNull())) {
						errors.add(new FieldError(path + "value", "must be a string, number, boolean or null"));
					}
				}
				else {
					if (!text(config, "field") || !UPDATABLE_FIELDS.contains(config.get("field").asString())) {
						errors.add(new FieldError(path + "field", "must be one of " + new java.util.TreeSet<>(UPDATABLE_FIELDS)
								+ " (or give trait)"));
					}
					requireText(config, "value", path, errors);
				}
				break;
			case "add_to_segment":
			case "remove_from_segment":
				requireUuid(config, "segment_id", path, errors);
				break;
			case "webhook":
				if (!text(config, "url") || !httpUrl(config.get("url").asString())) {
					errors.add(new FieldError(path + "url", "must be an absolute http or https URL"));
				}
				break;
			case "create_task":
				requireText(config, "title", path, errors);
				break;
			case "update_score":
				if (!config.path("delta").isNumber()) {
					errors.add(new FieldError(path + "delta", "must be a number"));
				}
				break;
			case "branch":
				if (config.has("cases")) {
					// multi-way: the first case whose rule tree matches, else default_step
					JsonNode cases = config.get("cases");
					if (!cases.isArray() || cases.size() < 1 || cases.size() > 20) {
						errors.add(new FieldError(path + "cases", "must be an array of 1 to 20 cases"));
						break;
					}
					for (int k = 0; k < cases.size(); k++) {
						JsonNode branchCase = cases.get(k);
						String cp = path + "cases[" + k + "].";
						if (!branchCase.isObject() || !branchCase.path("rule").isObject()) {
							errors.add(new FieldError(cp + "rule", "must be a segment rule tree (an object)"));
							continue;
						}
						requireStepIndex(branchCase, "step", cp, stepCount, errors);
					}
					requireStepIndex(config, "default_step", path, stepCount, errors);
					break;
				}
				int conditions = 0;
				for (String field : BRANCH_CONDITIONS) {
					if (config.has(field)) {
						conditions++;
						if ("rule".equals(field)) {
							if (!config.get(field).isObject()) {
								errors.add(new FieldError(path + "rule", "must be a segment rule tree (an object)"));
							}
						}
						else {
							requireText(config, field, path, errors);
						}
					}
				}
				if (conditions != 1) {
					errors.add(new FieldError(path + "stage", "exactly one condition of " + BRANCH_CONDITIONS + " is required"));
				}
				else if (config.has("stage") && text(config, "stage") && Stage.of(config.get("stage").asString()).isEmpty()) {
					errors.add(new FieldError(path + "stage", "must be a lifecycle stage, e.g. purchase"));
				}
				requireStepIndex(config, "yes_step", path, stepCount, errors);
				requireStepIndex(config, "no_step", path, stepCount, errors);
				break;
			case "ab_split":
				JsonNode variants = config.get("variants");
				if (variants == null || !variants.isArray() || variants.size() < 2) {
					errors.add(new FieldError(path + "variants", "must be an array of at least 2 variants"));
					break;
				}
				for (int v = 0; v < variants.size(); v++) {
					JsonNode variant = variants.get(v);
					String vp = path + "variants[" + v + "].";
					if (!variant.isObject()) {
						errors.add(new FieldError(path + "variants[" + v + "]", "must be an object"));
						continue;
					}
					requireText(variant, "name", vp, errors);
					if (!variant.path("weight").isNumber() || variant.get("weight").asDouble() <= 0) {
						errors.add(new FieldError(vp + "weight", "must be a positive number"));
					}
					requireStepIndex(variant, "step", vp, stepCount, errors);
				}
				break;
			default:
				break;
		}
	}

	private static boolean httpUrl(String value) {
		try {
			java.net.URI uri = new java.net.URI(value);
			return uri.isAbsolute() && uri.getHost() != null
					&& ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
		}
		catch (java.net.URISyntaxException ex) {
			return false;
		}
	}

	private static void requireStepIndex(JsonNode config, String field, String path, int stepCount,
			List<FieldError> errors) {
		JsonNode v = config.get(field);
		if (v == null || !v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > stepCount) {
			errors.add(new FieldError(path + field, "must be a step index between 0 and " + stepCount));
		}
	}

	private static void requireUuid(JsonNode config, String field, String path, List<FieldError> errors) {
		try {
			if (!text(config, field)) {
				throw new IllegalArgumentException();
			}
			java.util.UUID.fromString(config.get(field).asString());
		}
		catch (IllegalArgumentException ex) {
			errors.add(new FieldError(path + field, "must be a segment id (UUID)"));
		}
	}

	private static boolean text(JsonNode config, String field) {
		JsonNode v = config.get(field);
		return v != null && v.isString() && !v.asString().isBlank() && v.asString().length() <= 2000;
	}

	private static boolean stringArray(JsonNode node) {
		if (!node.isArray()) {
			return false;
		}
		for (JsonNode item : node) {
			if (!item.isString()) {
				return false;
			}
		}
		return true;
	}

	private static void requireText(JsonNode config, String field, String path, List<FieldError> errors) {
		if (!text(config, field)) {
			errors.add(new FieldError(path + field, "must be a non-blank string"));
		}
	}

	private static void optionalText(JsonNode config, String field, String path, List<FieldError> errors) {
		if (config.has(field) && !text(config, field)) {
			errors.add(new FieldError(path + field, "must be a non-blank string"));
		}
	}

	private static void optionalNumber(JsonNode config, String field, String path, List<FieldError> errors) {
		if (config.has(field) && !config.get(field).isNumber()) {
			errors.add(new FieldError(path + field, "must be a number"));
		}
	}

	private static void requireDateTime(JsonNode config, String field, String path, List<FieldError> errors) {
		try {
			if (!text(config, field)) {
				throw new DateTimeParseException("blank", "", 0);
			}
			OffsetDateTime.parse(config.get(field).asString());
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(path + field, "must be an ISO-8601 date-time with offset"));
		}
	}
}
