package io.atrium.web;

import java.security.Principal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.automation.RunLog;
import io.atrium.automation.WorkflowManagement;
import io.atrium.automation.WorkflowResponse;
import io.atrium.segment.SegmentCatalog;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.NotFound;
import io.atrium.shared.Page;

import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workflows: the list with status, the visual builder (its script posts the workflow definition in the
 * brief's JSON shape, validated by the automation module exactly as {@code POST /api/automation/workflows} is),
 * a workflow's page with its steps, performance, run log and dead letters, one run's step log, and start and pause.
 */
@Controller
class WorkflowPages {

	static final List<String> TRIGGERS = List.of("lifecycle_stage", "behavior", "segment", "score", "time", "manual");

	static final int RUNS_PER_PAGE = 25;

	/** Step types the builder offers: automation's allow-list less {@code update_score}, which it refuses for now. */
	static final List<String> ACTIONS = List.of("send_email", "send_sms", "send_push", "wait", "branch", "ab_split",
			"webhook", "update_field", "add_to_segment", "create_task", "exit");

	static final List<String> STAGES = List.of("awareness", "consideration", "purchase", "retention", "advocacy");

	private final WorkflowManagement workflows;

	private final io.atrium.automation.WorkflowReports reports;

	private final io.atrium.customer.IdentifyingCustomers identifying;

	private final JsonMapper json;

	private final SegmentCatalog segments;

	private final MessageSource messages;

	private final ZoneId zone;

	WorkflowPages(WorkflowManagement workflows, io.atrium.automation.WorkflowReports reports,
			io.atrium.customer.IdentifyingCustomers identifying, JsonMapper json, SegmentCatalog segments,
			MessageSource messages, Clock clock) {
		this.workflows = workflows;
		this.reports = reports;
		this.identifying = identifying;
		this.json = json;
		this.segments = segments;
		this.messages = messages;
		this.zone = clock.getZone();
	}

	@GetMapping("/workflows")
	String list(@RequestParam(required = false) String cursor, Model model) {
		Page<WorkflowResponse> page;
		try {
			page = workflows.list(cursor, 50);
		}
		catch (InvalidInput ex) {
			page = workflows.list(null, 50);
		}
		model.addAttribute("page", page);
		return "workflows";
	}

	@GetMapping("/workflows/new")
	String create(Model model) {
		return builder(model, null);
	}

	/** The workflow with its performance, its runs (filterable by state, paginated) and its dead letters. */
	@GetMapping("/workflows/{id}")
	String show(@PathVariable String id, @RequestParam(required = false) String state,
			@RequestParam(required = false) String cursor, Model model) {
		WorkflowResponse workflow = workflows.find(uuid(id));
		workflowPage(model, workflow, state, cursor);
		return "workflow";
	}

	/** One run: where it is, its step log (every attempt of every step) and the side effects it claimed. */
	@GetMapping("/workflows/{id}/runs/{runId}")
	String run(@PathVariable String id, @PathVariable String runId, Model model) {
		WorkflowResponse workflow = workflows.find(uuid(id));
		UUID run;
		try {
			run = UUID.fromString(runId);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFound("run-not-found", "No run has this id");
		}
		RunLog.Detail detail = reports.run(workflow.id(), run)
			.orElseThrow(() -> new NotFound("run-not-found", "No run of this workflow has this id"));
		model.addAttribute("w", workflow);
		model.addAttribute("r", detail.run());
		model.addAttribute("log", detail.steps());
		model.addAttribute("sideEffects", detail.sideEffects());
		model.addAttribute("customer", externalIds(List.of(detail.run().customerId()))
			.getOrDefault(detail.run().customerId().toString(), null));
		model.addAttribute("labels", new WorkflowLabels(messages, zone));
		return "workflow-run";
	}

	private void workflowPage(Model model, WorkflowResponse workflow, String state, String cursor) {
		model.addAttribute("w", workflow);
		model.addAttribute("steps", steps(workflow));
		model.addAttribute("performance", json.valueToTree(reports.performance(workflow.id())));
		model.addAttribute("labels", new WorkflowLabels(messages, zone));
		model.addAttribute("runStates", RunLog.STATES);
		String filter = state == null || state.isBlank() ? null : state.strip();
		if (filter != null && !RunLog.STATES.contains(filter)) {
			model.addAttribute("runsNotice", "web.wfrun.unknownState");
			filter = null;
		}
		Page<RunLog.Run> runs;
		try {
			runs = reports.runs(workflow.id(), filter, cursor, RUNS_PER_PAGE);
		}
		catch (InvalidInput ex) {
			model.addAttribute("runsNotice", "web.wfrun.badCursor");
			runs = reports.runs(workflow.id(), filter, null, RUNS_PER_PAGE);
		}
		model.addAttribute("state", filter);
		model.addAttribute("runs", runs);
		model.addAttribute("paged", cursor != null && !cursor.isBlank());
		model.addAttribute("runCustomers", externalIds(runs.items().stream().map(RunLog.Run::customerId).toList()));
		model.addAttribute("deadLetters", reports.deadLetters(workflow.id(), 50));
	}

	/** @return profile id (as text) to the mall's customer id, for the profiles that have one */
	private Map<String, String> externalIds(List<UUID> profiles) {
		Map<String, String> externalIds = new java.util.LinkedHashMap<>();
		identifying.externalIds(profiles.stream().distinct().map(io.atrium.shared.CustomerId::new).toList())
			.forEach((customer, externalId) -> externalIds.put(customer.value().toString(), externalId));
		return externalIds;
	}

	/** Simulates the workflow for the given customers (external ids, comma or space separated). */
	@PostMapping("/workflows/{id}/dry-run")
	String dryRun(@PathVariable String id, @RequestParam(name = "customers", required = false) String customers,
			Model model) {
		WorkflowResponse workflow = workflows.find(uuid(id));
		java.util.List<UUID> ids = new java.util.ArrayList<>();
		java.util.List<String> unknown = new java.util.ArrayList<>();
		for (String externalId : (customers == null ? "" : customers).split("[,\\s]+")) {
			if (externalId.isBlank() || ids.size() >= 20) {
				continue;
			}
			identifying.findByExternalId(externalId.strip())
				.ifPresentOrElse(c -> ids.add(c.value()), () -> unknown.add(externalId.strip()));
		}
		workflowPage(model, workflow, null, null);
		model.addAttribute("dryRun", json.valueToTree(reports.dryRun(workflow.id(), ids)));
		model.addAttribute("externalIds", externalIds(ids));
		model.addAttribute("unknown", unknown);
		model.addAttribute("customers", customers);
		return "workflow";
	}

	@GetMapping("/workflows/{id}/edit")
	String edit(@PathVariable String id, Model model) {
		return builder(model, workflows.find(uuid(id)));
	}

	/** The builder's save: the definition as JSON; answers the saved workflow's id or the validation errors. */
	@PostMapping(path = "/workflows", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, Object>> save(@RequestBody JsonNode definition, Principal principal) {
		return saved(() -> workflows.create(definition, principal.getName()));
	}

	@PostMapping(path = "/workflows/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, Object>> update(@PathVariable String id, @RequestBody JsonNode definition) {
		UUID workflow = uuid(id);
		return saved(() -> workflows.edit(workflow, definition));
	}

	@PostMapping("/workflows/{id}/start")
	String start(@PathVariable String id) {
		workflows.start(uuid(id));
		return "redirect:/workflows/" + id;
	}

	@PostMapping("/workflows/{id}/pause")
	String pause(@PathVariable String id) {
		workflows.pause(uuid(id));
		return "redirect:/workflows/" + id;
	}

	/** One step as the workflow page lists it. */
	public record StepView(int index, String actionType, List<Map.Entry<String, String>> config) {
	}

	private List<StepView> steps(WorkflowResponse workflow) {
		java.util.ArrayList<StepView> steps = new java.util.ArrayList<>();
		JsonNode all = workflow.steps();
		for (int i = 0; all != null && i < all.size(); i++) {
			JsonNode step = all.get(i);
			java.util.ArrayList<Map.Entry<String, String>> config = new java.util.ArrayList<>();
			JsonNode c = step.path("config");
			if (c.isObject()) {
				for (var e : c.properties()) {
					config.add(Map.entry(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString()
							: e.getValue().toString()));
				}
			}
			steps.add(new StepView(i, step.path("action_type").asString(), config));
		}
		return steps;
	}

	private String builder(Model model, WorkflowResponse workflow) {
		model.addAttribute("w", workflow);
		model.addAttribute("definitionJson", workflow == null ? "" : json.writeValueAsString(Map.of("name",
				workflow.name(), "trigger", workflow.trigger(), "steps", workflow.steps(), "settings",
				workflow.settings() == null ? json.createObjectNode() : workflow.settings())));
		model.addAttribute("triggers", TRIGGERS);
		model.addAttribute("actions", ACTIONS);
		model.addAttribute("stages", STAGES);
		model.addAttribute("segments", segments.all());
		model.addAttribute("zone", zone.getId());
		return "workflow-builder";
	}

	private ResponseEntity<Map<String, Object>> saved(java.util.function.Supplier<WorkflowResponse> save) {
		try {
			WorkflowResponse saved = save.get();
			return ResponseEntity.ok(Map.of("id", saved.id().toString(), "status", saved.status()));
		}
		catch (InvalidInput ex) {
			return ResponseEntity.unprocessableContent()
				.body(Map.of("detail", ex.getMessage(), "errors", ex.errors()));
		}
	}

	private static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFound("workflow-not-found", "No workflow has this id");
		}
	}
}
