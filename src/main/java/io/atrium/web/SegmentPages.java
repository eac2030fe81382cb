package io.atrium.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.segment.SegmentCatalog;
import io.atrium.segment.SegmentResponse;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.NotFound;
import io.atrium.shared.Page;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Segments: list with sizes and freshness, a rule builder made of allow-listed choices (no JSON typing) with
 * a live count, and a segment's members.
 */
@Controller
class SegmentPages {

	static final List<String> KINDS = List.of("profile", "lifecycle_stage", "purchase_amount", "touchpoint_count",
			"consent");

	static final List<String> PROFILE_FIELDS = List.of("city", "gender", "member_tier");

	static final List<String> TEXT_OPS = List.of("eq", "neq", "contains");

	static final List<String> NUMBER_OPS = List.of("gte", "gt", "lte", "lt", "eq");

	static final List<String> TOUCHPOINT_TYPES = List.of("store_visit", "purchase", "app_session", "website_visit",
			"wifi_login", "review");

	static final List<String> CHANNELS = List.of("email", "sms", "push");

	private final SegmentCatalog segments;

	private final JsonMapper json;

	private final org.springframework.context.MessageSource messages;

	SegmentPages(SegmentCatalog segments, JsonMapper json, org.springframework.context.MessageSource messages) {
		this.segments = segments;
		this.json = json;
		this.messages = messages;
	}

	@GetMapping("/segments")
	String list(@RequestParam(required = false) String cursor, Model model) {
		Page<SegmentResponse> page;
		try {
			page = segments.list(cursor, 50);
		}
		catch (InvalidInput ex) {
			page = segments.list(null, 50);
		}
		model.addAttribute("page", page);
		return "segments";
	}

	@GetMapping("/segments/new")
	String builder(Model model) {
		choices(model);
		return "segment-builder";
	}

	@GetMapping("/segments/condition")
	String condition(Model model) {
		choices(model);
		return "segment-builder :: condition";
	}

	/** The live count of the rule the builder's fields describe. */
	@PostMapping("/segments/preview")
	String preview(@RequestParam MultiValueMap<String, String> form, java.util.Locale locale, Model model) {
		try {
			model.addAttribute("count", segments.preview(rule(form)));
		}
		catch (InvalidInput ex) {
			model.addAttribute("problem", ex.getMessage());
		}
		catch (BuilderProblem ex) {
			model.addAttribute("problem", messages.getMessage(ex.key(), null, locale));
		}
		return "segment-builder :: preview";
	}

	@PostMapping("/segments")
	String create(@RequestParam MultiValueMap<String, String> form, Principal principal, java.util.Locale locale,
			Model model) {
		String problem;
		try {
			SegmentResponse created = segments.createDynamic(form.getFirst("name"), form.getFirst("description"),
					rule(form), principal.getName());
			return "redirect:/segments/" + created.id();
		}
		catch (InvalidInput ex) {
			problem = ex.getMessage();
		}
		catch (BuilderProblem ex) {
			problem = messages.getMessage(ex.key(), null, locale);
		}
		choices(model);
		model.addAttribute("problem", problem);
		model.addAttribute("name", form.getFirst("name"));
		return "segment-builder";
	}

	/** A builder form the page cannot turn into a rule; {@code key} is the message people read. */
	static final class BuilderProblem extends RuntimeException {

		private final String key;

		BuilderProblem(String key) {
			super(key, null, false, false);
			this.key = key;
		}

		String key() {
			return key;
		}
	}

	@GetMapping("/segments/{id}")
	String show(@PathVariable String id, @RequestParam(required = false) String cursor, java.util.Locale locale,
			Model model) {
		UUID segment = uuid(id);
		SegmentResponse found = segments.get(segment);
		model.addAttribute("s", found);
		model.addAttribute("ruleText", found.rule() == null ? "" : new RuleSentences(messages, locale).describe(found.rule()));
		model.addAttribute("ruleJson", found.rule() == null ? "" : found.rule().toString());
		Page<String> members;
		try {
			members = segments.members(segment, cursor, 50);
		}
		catch (InvalidInput ex) {
			members = segments.members(segment, null, 50);
		}
		model.addAttribute("members", members);
		List<String> labels = new ArrayList<>();
		List<Integer> sizes = new ArrayList<>();
		if (found.sizeHistory() != null) {
			for (SegmentResponse.SizePoint point : found.sizeHistory()) {
				labels.add(0, point.at().toString().substring(0, 10));
				sizes.add(0, point.size());
			}
		}
		Map<String, Object> chart = Map.of("labels", labels, "values", sizes);
		model.addAttribute("historyJson", json.writeValueAsString(chart));
		return "segment";
	}

	private void choices(Model model) {
		model.addAttribute("kinds", KINDS);
		model.addAttribute("profileFields", PROFILE_FIELDS);
		model.addAttribute("textOps", TEXT_OPS);
		model.addAttribute("numberOps", NUMBER_OPS);
		model.addAttribute("touchpointTypes", TOUCHPOINT_TYPES);
		model.addAttribute("channels", CHANNELS);
		model.addAttribute("stages", WorkflowPages.STAGES);
	}

	/**
	 * Builds the rule tree from the builder's rows: every row sends every field (the unused ones empty), so
	 * the i-th value of each field belongs to the i-th row. Only allow-listed choices get into the tree; the
	 * segment module validates it again.
	 */
	ObjectNode rule(MultiValueMap<String, String> form) {
		List<String> kinds = form.getOrDefault("kind", List.of());
		ArrayNode children = json.createArrayNode();
		for (int i = 0; i < kinds.size(); i++) {
			String kind = kinds.get(i);
			ObjectNode node = json.createObjectNode();
			switch (kind) {
				case "profile" -> {
					node.put("type", "profile");
					node.put("field", allowed(at(form, "field", i), PROFILE_FIELDS));
					node.put("op", allowed(at(form, "text_op", i), TEXT_OPS));
					node.put("value", at(form, "text_value", i));
				}
				case "lifecycle_stage" -> {
					node.put("type", "lifecycle_stage");
					node.put("stage", allowed(at(form, "stage", i), WorkflowPages.STAGES));
				}
				case "purchase_amount" -> {
					node.put("type", "purchase_amount");
					node.put("window_days", number(at(form, "window_days", i)));
					node.put("op", allowed(at(form, "number_op", i), NUMBER_OPS));
					node.put("value", number(at(form, "number_value", i)));
				}
				case "touchpoint_count" -> {
					node.put("type", "touchpoint_count");
					node.put("touchpoint_type", allowed(at(form, "touchpoint_type", i), TOUCHPOINT_TYPES));
					node.put("window_days", number(at(form, "window_days", i)));
					node.put("op", allowed(at(form, "number_op", i), NUMBER_OPS));
					node.put("value", number(at(form, "number_value", i)));
				}
				case "consent" -> {
					node.put("type", "consent");
					node.put("channel", allowed(at(form, "channel", i), CHANNELS));
					node.put("status", "granted");
				}
				default -> throw new BuilderProblem("web.extra.segments.problem.choice");
			}
			children.add(node);
		}
		if (children.isEmpty()) {
			throw new BuilderProblem("web.extra.segments.problem.noCondition");
		}
		ObjectNode root = json.createObjectNode();
		root.put("type", "any".equals(form.getFirst("match")) ? "or" : "and");
		root.set("children", children);
		return root;
	}

	private static String at(MultiValueMap<String, String> form, String field, int i) {
		List<String> values = form.getOrDefault(field, List.of());
		return i < values.size() ? values.get(i) : "";
	}

	private static String allowed(String value, List<String> choices) {
		if (!choices.contains(value)) {
			throw new BuilderProblem("web.extra.segments.problem.choice");
		}
		return value;
	}

	private static long number(String value) {
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new BuilderProblem("web.extra.segments.problem.wholeNumbers");
		}
	}

	private static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFound("segment-not-found", "No segment has this id");
		}
	}
}
