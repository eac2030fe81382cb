package io.atrium.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atrium.assistant.Assistant;
import io.atrium.assistant.ChatResponse;
import io.atrium.assistant.Interpretation;
import io.atrium.segment.SegmentCatalog;
import io.atrium.segment.SegmentResponse;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.NotFound;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The assistant's chat: a question box (htmx) whose answers arrive as turns below it — the answer, what was
 * understood as chips, the rows, a chart, insights with their urgency and recommendations. A recommendation's
 * segment draft is created only when an editor presses its button.
 */
@Controller
class AssistantPage {

	private final Assistant assistant;

	private final SegmentCatalog segments;

	private final JsonMapper json;

	AssistantPage(Assistant assistant, SegmentCatalog segments, JsonMapper json) {
		this.assistant = assistant;
		this.segments = segments;
		this.json = json;
	}

	/** One understood component, shown as a chip: its label key and its value. */
	public record Chip(String kind, String labelKey, String value) {
	}

	/** A recommendation's segment draft as the page's button posts it back. */
	public record SegmentDraft(String name, String description, String rule) {
	}

	@GetMapping("/assistant")
	String page() {
		return "assistant";
	}

	@PostMapping("/assistant/ask")
	String ask(@RequestParam(required = false) String query,
			@RequestParam(name = "conversation_id", required = false) String conversationId, Principal principal,
			Locale locale, Model model) {
		model.addAttribute("question", query);
		try {
			ChatResponse reply = assistant.ask(principal.getName(), query, conversationId, locale);
			model.addAttribute("reply", reply);
			model.addAttribute("chips", chips(reply.interpretation()));
			if (reply.chart() != null) {
				model.addAttribute("chartJson", json.writeValueAsString(reply.chart()));
			}
			List<SegmentDraft> drafts = new ArrayList<>();
			for (ChatResponse.Recommendation r : reply.recommendations()) {
				drafts.add(draft(r.draft()));
			}
			model.addAttribute("drafts", drafts);
		}
		catch (InvalidInput | NotFound ex) {
			model.addAttribute("problem", ex.getMessage());
		}
		return "assistant :: turn";
	}

	/** Creates the segment a recommendation drafted (the segment module validates the rule again). */
	@PostMapping("/assistant/segments")
	String createSegment(@RequestParam(required = false) String name,
			@RequestParam(required = false) String description, @RequestParam(required = false) String rule,
			Principal principal, Model model) {
		try {
			JsonNode tree;
			try {
				tree = json.readTree(rule == null ? "" : rule);
			}
			catch (JacksonException ex) {
				throw InvalidInput.of("rule", "is not a rule");
			}
			SegmentResponse created = segments.createDynamic(name, description, tree, principal.getName());
			model.addAttribute("created", created);
		}
		catch (InvalidInput ex) {
			model.addAttribute("problem", ex.getMessage());
		}
		return "assistant :: created";
	}

	private SegmentDraft draft(ChatResponse.Draft draft) {
		if (draft == null || !"segment".equals(draft.kind()) || draft.body() == null) {
			return null;
		}
		Object rule = draft.body().get("rule");
		return new SegmentDraft(String.valueOf(draft.body().get("name")), String.valueOf(draft.body().get("description")),
				json.writeValueAsString(rule));
	}

	static List<Chip> chips(Interpretation i) {
		List<Chip> chips = new ArrayList<>();
		if (i == null) {
			return chips;
		}
		chips.add(new Chip("intent", "web.assistant.chip.intent", i.intent()));
		if (i.metric() != null) {
			chips.add(new Chip("metric", "web.assistant.chip.metric", i.metric()));
		}
		if (i.entity() != null) {
			chips.add(new Chip("entity", "web.assistant.chip.entity", i.entity()));
		}
		if (i.dateRange() != null) {
			chips.add(new Chip("date_range", "web.assistant.chip.dateRange", period(i.dateRange())));
		}
		if (i.compareTo() != null) {
			chips.add(new Chip("compare_to", "web.assistant.chip.compareTo", period(i.compareTo())));
		}
		if (i.filters() != null) {
			for (Map.Entry<String, Object> filter : new LinkedHashMap<>(i.filters()).entrySet()) {
				chips.add(new Chip("filter", "web.assistant.chip.filter", filter.getKey() + " " + condition(filter.getValue())));
			}
		}
		if (i.groupBy() != null) {
			chips.add(new Chip("group_by", "web.assistant.chip.groupBy", i.groupBy()));
		}
		if (i.limit() != null) {
			chips.add(new Chip("limit", "web.assistant.chip.limit",
					(i.order() == null ? "" : i.order() + " ") + i.limit()));
		}
		if (i.unknownTerms() != null) {
			for (String term : i.unknownTerms()) {
				chips.add(new Chip("unknown", "web.assistant.chip.unknown", term));
			}
		}
		return chips;
	}

	private static String period(Interpretation.Period p) {
		return p.from() + " – " + p.to();
	}

	private static final Map<String, String> OPS = Map.of("gt", ">", "gte", "≥", "lt", "<", "lte", "≤", "eq", "=");

	private static String condition(Object value) {
		if (value instanceof Map<?, ?> map) {
			List<String> parts = new ArrayList<>();
			map.forEach((op, v) -> parts.add(OPS.getOrDefault(String.valueOf(op), String.valueOf(op)) + " " + v));
			return String.join(", ", parts);
		}
		return "= " + value;
	}
}
