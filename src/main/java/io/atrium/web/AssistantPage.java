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
import io.atrium.automation.WorkflowManagement;
import io.atrium.automation.WorkflowResponse;
import io.atrium.segment.SegmentCatalog;
import io.atrium.segment.SegmentResponse;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.NotFound;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
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
 * understood as chips (translated labels, the raw code kept as the chip's title), the rows, a chart, insights
 * with their urgency and recommendations. A recommendation's segment or workflow draft is created only when an
 * editor presses its button; a workflow is always created as a draft (never started).
 */
@Controller
class AssistantPage {

	private final Assistant assistant;

	private final SegmentCatalog segments;

	private final WorkflowManagement workflows;

	private final MessageSource messages;

	private final JsonMapper json;

	AssistantPage(Assistant assistant, SegmentCatalog segments, WorkflowManagement workflows, MessageSource messages,
			JsonMapper json) {
		this.assistant = assistant;
		this.segments = segments;
		this.workflows = workflows;
		this.messages = messages;
		this.json = json;
	}

	/**
	 * One understood component, shown as a chip.
	 *
	 * @param kind e.g. {@code intent}, {@code filter}
	 * @param labelKey the message key of its label
	 * @param value what people read, translated
	 * @param raw the machine value it stands for (shown as a tooltip)
	 */
	public record Chip(String kind, String labelKey, String value, String raw) {
	}

	/** A table cell or heading: what people read, and the raw value when it differs (else {@code null}). */
	public record Cell(String text, String raw) {
	}

	/** The rows behind an answer with translated headings and coded values. */
	public record Table(List<Cell> headers, List<List<Cell>> rows) {
	}

	/** A recommendation's segment draft as the page's button posts it back. */
	public record SegmentDraft(String name, String description, String rule) {
	}

	/** A recommendation's workflow draft as the page's button posts it back: its name and definition JSON. */
	public record WorkflowDraft(String name, String definition) {
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
			model.addAttribute("chips", chips(reply.interpretation(), locale));
			if (reply.data() != null) {
				model.addAttribute("table", table(reply.data(), locale));
			}
			if (reply.chart() != null) {
				model.addAttribute("chartJson", json.writeValueAsString(reply.chart()));
			}
			List<SegmentDraft> drafts = new ArrayList<>();
			List<WorkflowDraft> workflowDrafts = new ArrayList<>();
			for (ChatResponse.Recommendation r : reply.recommendations()) {
				drafts.add(draft(r.draft()));
				workflowDrafts.add(workflowDraft(r.draft()));
			}
			model.addAttribute("drafts", drafts);
			model.addAttribute("workflowDrafts", workflowDrafts);
		}
		catch (InvalidInput ex) {
			boolean aboutQuery = ex.errors().stream().anyMatch(e -> "query".equals(e.field()));
			problem(model, aboutQuery ? "web.extra.assistant.problem.query" : "web.extra.assistant.problem.conversation",
					ex, locale);
		}
		catch (NotFound ex) {
			problem(model, "web.extra.assistant.problem.conversation", ex, locale);
		}
		return "assistant :: turn";
	}

	/** Creates the segment a recommendation drafted (the segment module validates the rule again). */
	@PostMapping("/assistant/segments")
	String createSegment(@RequestParam(required = false) String name,
			@RequestParam(required = false) String description, @RequestParam(required = false) String rule,
			Principal principal, Locale locale, Model model) {
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
			problem(model, "web.extra.assistant.problem.segment", ex, locale);
		}
		return "assistant :: created";
	}

	/**
	 * Creates the workflow a recommendation drafted, as a draft (the automation module validates the definition
	 * again and never starts it), then sends the browser to the workflow's page.
	 */
	@PostMapping("/assistant/workflows")
	String createWorkflow(@RequestParam(required = false) String definition, Principal principal,
			HttpServletResponse response, Locale locale, Model model) {
		try {
			JsonNode tree;
			try {
				tree = json.readTree(definition == null ? "" : definition);
			}
			catch (JacksonException ex) {
				throw InvalidInput.of("definition", "is not a workflow definition");
			}
			if (tree == null || !tree.isObject()) {
				throw InvalidInput.of("definition", "is not a workflow definition");
			}
			WorkflowResponse created = workflows.create(tree, principal.getName());
			response.setHeader("HX-Redirect", "/workflows/" + created.id());
			model.addAttribute("workflow", created);
		}
		catch (InvalidInput ex) {
			problem(model, "web.extra.assistant.problem.workflow", ex, locale);
		}
		return "assistant :: createdWorkflow";
	}

	private static final Map<String, String> CODED_COLUMNS = Map.of("stage", "web.stage.", "momentum",
			"web.momentum.", "status", "web.goal.status.", "metric", "assistant.metric.", "member_tier",
			"web.extra.tier.");

	Table table(ChatResponse.Data data, Locale locale) {
		List<Cell> headers = new ArrayList<>();
		for (String column : data.columns()) {
			String text = messages.getMessage("web.extra.assistant.column." + column, null,
					messages.getMessage("assistant.metric." + column, null, column, locale), locale);
			headers.add(new Cell(text, text.equals(column) ? null : column));
		}
		List<List<Cell>> rows = new ArrayList<>();
		for (List<Object> row : data.rows()) {
			List<Cell> cells = new ArrayList<>();
			for (int c = 0; c < row.size(); c++) {
				Object value = row.get(c);
				String raw = value == null ? "" : String.valueOf(value);
				String prefix = c < data.columns().size() ? CODED_COLUMNS.get(data.columns().get(c)) : null;
				String text = prefix == null || raw.isEmpty() ? raw : messages.getMessage(prefix + raw, null, raw, locale);
				cells.add(new Cell(text, text.equals(raw) ? null : raw));
			}
			rows.add(cells);
		}
		return new Table(headers, rows);
	}

	/** A translated refusal; the module's own wording (which names the field) stays in the title. */
	private void problem(Model model, String key, RuntimeException ex, Locale locale) {
		model.addAttribute("problem", messages.getMessage(key, null, locale));
		model.addAttribute("problemDetail", ex.getMessage());
	}

	private WorkflowDraft workflowDraft(ChatResponse.Draft draft) {
		if (draft == null || !"workflow".equals(draft.kind()) || draft.body() == null) {
			return null;
		}
		return new WorkflowDraft(String.valueOf(draft.body().get("name")), json.writeValueAsString(draft.body()));
	}

	private SegmentDraft draft(ChatResponse.Draft draft) {
		if (draft == null || !"segment".equals(draft.kind()) || draft.body() == null) {
			return null;
		}
		Object rule = draft.body().get("rule");
		return new SegmentDraft(String.valueOf(draft.body().get("name")), String.valueOf(draft.body().get("description")),
				json.writeValueAsString(rule));
	}

	List<Chip> chips(Interpretation i, Locale locale) {
		List<Chip> chips = new ArrayList<>();
		if (i == null) {
			return chips;
		}
		chips.add(new Chip("intent", "web.assistant.chip.intent", text("web.assistant.intent." + i.intent(), i.intent(),
				locale), i.intent()));
		if (i.metric() != null) {
			chips.add(new Chip("metric", "web.assistant.chip.metric", text("assistant.metric." + i.metric(), i.metric(),
					locale), i.metric()));
		}
		if (i.entity() != null) {
			chips.add(new Chip("entity", "web.assistant.chip.entity", text("assistant.entity." + i.entity(), i.entity(),
					locale), i.entity()));
		}
		if (i.dateRange() != null) {
			chips.add(new Chip("date_range", "web.assistant.chip.dateRange", period(i.dateRange()), null));
		}
		if (i.compareTo() != null) {
			chips.add(new Chip("compare_to", "web.assistant.chip.compareTo", period(i.compareTo()), null));
		}
		if (i.filters() != null) {
			for (Map.Entry<String, Object> filter : new LinkedHashMap<>(i.filters()).entrySet()) {
				String name = filter.getKey();
				chips.add(new Chip("filter", "web.assistant.chip.filter",
						filterText(name, filter.getValue(), locale), name + " " + condition(filter.getValue())));
			}
		}
		if (i.groupBy() != null) {
			chips.add(new Chip("group_by", "web.assistant.chip.groupBy", text("assistant.group." + i.groupBy(),
					i.groupBy(), locale), i.groupBy()));
		}
		if (i.limit() != null) {
			String value = i.order() == null ? String.valueOf(i.limit())
					: messages.getMessage("web.extra.assistant.order." + i.order(), new Object[] { i.limit() },
							i.order() + " " + i.limit(), locale);
			chips.add(new Chip("limit", "web.assistant.chip.limit", value,
					(i.order() == null ? "" : i.order() + " ") + i.limit()));
		}
		if (i.unknownTerms() != null) {
			for (String term : i.unknownTerms()) {
				chips.add(new Chip("unknown", "web.assistant.chip.unknown", term, null));
			}
		}
		return chips;
	}

	private String text(String key, String raw, Locale locale) {
		return messages.getMessage(key, null, raw, locale);
	}

	/** e.g. "churn risk above 0.7", "new members", "lifecycle stage: Retention". */
	private String filterText(String name, Object value, Locale locale) {
		String label = text("web.extra.assistant.filter." + name, name, locale);
		if (value instanceof Boolean) {
			return label;
		}
		if (value instanceof Map<?, ?> map) {
			List<String> parts = new ArrayList<>();
			map.forEach((op, v) -> parts.add(messages.getMessage("web.extra.assistant.op." + op,
					new Object[] { label, plain(v) }, label + " " + OPS.getOrDefault(String.valueOf(op), String.valueOf(op))
							+ " " + plain(v), locale)));
			return String.join(", ", parts);
		}
		String shown = "stage".equals(name) ? text("web.stage." + value, String.valueOf(value), locale)
				: String.valueOf(value);
		return messages.getMessage("web.extra.assistant.op.is", new Object[] { label, shown }, label + ": " + shown,
				locale);
	}

	private static String plain(Object v) {
		return v instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(v);
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
