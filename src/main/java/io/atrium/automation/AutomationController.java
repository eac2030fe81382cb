package io.atrium.automation;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.customer.CustomerDirectory;
import io.atrium.platform.JobId;
import io.atrium.platform.Jobs;
import io.atrium.segment.SegmentMembership;
import io.atrium.shared.Cursor;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The automation API under {@code /api/automation}: workflows (create, list, read, edit, lifecycle), manual triggers,
 * performance, dry runs, dead letters and staff tasks. Reads: any role; writes: ADMIN and MARKETER (central URL rules).
 */
@RestController
class AutomationController {

	private final WorkflowManagement management;

	private final RunEntry entry;

	private final WorkflowInsights insights;

	private final AutomationTasks tasks;

	private final WorkflowRuns runs;

	private final TimeTriggers triggers;

	private final SegmentMembership memberships;

	private final Jobs jobs;

	private final CustomerDirectory directory;

	AutomationController(WorkflowManagement management, RunEntry entry, WorkflowInsights insights,
			AutomationTasks tasks, WorkflowRuns runs, TimeTriggers triggers, SegmentMembership memberships, Jobs jobs,
			CustomerDirectory directory) {
		this.management = management;
		this.entry = entry;
		this.insights = insights;
		this.tasks = tasks;
		this.runs = runs;
		this.triggers = triggers;
		this.memberships = memberships;
		this.jobs = jobs;
		this.directory = directory;
	}

	@PostMapping("/api/automation/workflows")
	ResponseEntity<WorkflowResponse> create(@RequestBody JsonNode definition, Principal principal) {
		WorkflowResponse created = management.create(definition, principal == null ? "system" : principal.getName());
		return ResponseEntity.created(URI.create("/api/automation/workflows/" + created.id())).body(created);
	}

	@GetMapping("/api/automation/workflows")
	Page<WorkflowResponse> list(@RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		return management.list(cursor, limit);
	}

	@GetMapping("/api/automation/workflows/{id}")
	WorkflowResponse get(@PathVariable String id) {
		return WorkflowResponse.of(management.get(uuid("id", id)));
	}

	@PutMapping("/api/automation/workflows/{id}")
	WorkflowResponse edit(@PathVariable String id, @RequestBody JsonNode definition) {
		return management.edit(uuid("id", id), definition);
	}

	@PostMapping("/api/automation/workflows/{id}/start")
	WorkflowResponse start(@PathVariable String id) {
		return management.start(uuid("id", id));
	}

	@PostMapping("/api/automation/workflows/{id}/pause")
	WorkflowResponse pause(@PathVariable String id) {
		return management.pause(uuid("id", id));
	}

	@PostMapping("/api/automation/workflows/{id}/archive")
	WorkflowResponse archive(@PathVariable String id) {
		return management.archive(uuid("id", id));
	}

	@PostMapping("/api/automation/workflows/{id}/trigger")
	ResponseEntity<Map<String, Object>> trigger(@PathVariable String id,
			@RequestBody AutomationRequests.CustomerIds body, Principal principal) {
		Workflows.Row workflow = management.get(uuid("id", id));
		UUID segment = segment(body);
		List<UUID> customers = segment == null ? customers(body) : List.of();
		if (workflow.status() != WorkflowStatus.ACTIVE) {
			throw new WorkflowNotActive(workflow.status());
		}
		if (segment != null) {
			JobId job = jobs.start("automation-trigger",
					Map.of("workflow_id", workflow.id().toString(), "segment_id", segment.toString()),
					principal == null ? "system" : principal.getName(), progress -> {
						TimeTriggers.Entries entries = triggers.enterMembers(workflow, segment);
						return Map.of("entered", entries.entered(), "skipped", entries.skipped());
					});
			return ResponseEntity.accepted()
				.body(Map.of("job_id", job.value().toString(), "segment_id", segment.toString()));
		}
		List<String> entered = new ArrayList<>();
		Map<String, String> skipped = new LinkedHashMap<>();
		for (UUID customer : customers) {
			RunEntry.Entered result = entry.enter(workflow, customer);
			if (result.runId() != null) {
				entered.add(result.runId().toString());
			}
			else {
				skipped.put(customer.toString(), result.skipped());
			}
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("run_ids", entered);
		response.put("skipped", skipped);
		return ResponseEntity.ok(response);
	}

	@GetMapping("/api/automation/workflows/{id}/performance")
	WorkflowInsights.Performance performance(@PathVariable String id) {
		Workflows.Row workflow = management.get(uuid("id", id));
		return insights.performance(workflow.id(), workflow.definition());
	}

	@PostMapping("/api/automation/workflows/{id}/dry-run")
	Map<String, Object> dryRun(@PathVariable String id, @RequestBody AutomationRequests.CustomerIds body) {
		Workflows.Row workflow = management.get(uuid("id", id));
		UUID segment = segment(body);
		List<UUID> customers = segment == null ? customers(body) : new ArrayList<>();
		String cursor = null;
		while (segment != null && customers.size() < 1000) {
			// a segment's dry run simulates its first 1,000 members (by profile id)
			Page<io.atrium.shared.CustomerId> page = memberships.members(segment, cursor, 500);
			page.items().forEach(c -> customers.add(c.value()));
			cursor = page.nextCursor();
			if (cursor == null) {
				break;
			}
		}
		return Map.of("workflow_id", workflow.id(), "version", workflow.version(), "customers",
				insights.dryRun(workflow.definition(), customers));
	}

	@GetMapping("/api/automation/runs/{id}")
	Map<String, Object> run(@PathVariable String id) {
		UUID runId = uuid("id", id);
		WorkflowRuns.Run run = runs.find(runId)
			.orElseThrow(() -> new io.atrium.shared.NotFound("run-not-found", "no run with id " + runId));
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("id", run.id());
		response.put("workflow_id", run.workflowId());
		response.put("version", run.version());
		response.put("customer_id", run.customerId());
		response.put("state", run.state().code());
		response.put("step_index", run.stepIndex());
		response.put("due_at", run.dueAt());
		response.put("variant", run.variant());
		response.put("steps", runs.jdbc().sql("""
				select step_index, action_type, outcome, error, attempt, started_at, finished_at
				from workflow_step_log where run_id = :r order by id""").param("r", runId).query().listOfRows());
		return response;
	}

	@GetMapping("/api/automation/dead-letters")
	Page<Map<String, Object>> deadLetters(@RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		int n = Limit.of(limit);
		List<String> parts = Cursor.decode(cursor, 2);
		var spec = runs.jdbc().sql("""
				select id, workflow_id, run_id, step_index, action_type, error, attempts, created_at
				from workflow_dead_letter""" + (parts.isEmpty() ? "" : " where (created_at, id) < (:c::timestamptz, :i::uuid)")
				+ " order by created_at desc, id desc limit :n").param("n", n + 1);
		if (!parts.isEmpty()) {
			spec = spec.param("c", parts.get(0)).param("i", parts.get(1));
		}
		List<Map<String, Object>> rows;
		try {
			rows = spec.query().listOfRows();
		}
		catch (org.springframework.dao.DataAccessException ex) {
			throw InvalidInput.of("cursor", "is not a cursor this list issued");
		}
		String next = null;
		if (rows.size() > n) {
			rows = rows.subList(0, n);
			Map<String, Object> last = rows.get(n - 1);
			next = Cursor.encode(((java.sql.Timestamp) last.get("created_at")).toInstant().toString(),
					last.get("id").toString());
		}
		return new Page<>(rows, next);
	}

	@GetMapping("/api/automation/tasks")
	Page<AutomationTasks.Task> tasks(@RequestParam(required = false) String status,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		if (status != null && !List.of("open", "closed").contains(status)) {
			throw InvalidInput.of("status", "must be open or closed");
		}
		int n = Limit.of(limit);
		List<String> parts = Cursor.decode(cursor, 2);
		Instant before = null;
		UUID beforeId = null;
		if (!parts.isEmpty()) {
			try {
				before = Instant.parse(parts.get(0));
				beforeId = UUID.fromString(parts.get(1));
			}
			catch (RuntimeException ex) {
				throw InvalidInput.of("cursor", "is not a cursor this list issued");
			}
		}
		List<AutomationTasks.Task> rows = tasks.page(status, before, beforeId, n + 1);
		String next = null;
		if (rows.size() > n) {
			rows = rows.subList(0, n);
			next = Cursor.encode(rows.get(n - 1).createdAt().toString(), rows.get(n - 1).id().toString());
		}
		return new Page<>(rows, next);
	}

	@PostMapping("/api/automation/tasks/{id}/close")
	AutomationTasks.Task closeTask(@PathVariable String id, Principal principal) {
		return tasks.close(uuid("id", id), principal == null ? "system" : principal.getName());
	}

	/** @return the segment of a segment-wide request, or null when the body lists customer ids */
	private UUID segment(AutomationRequests.CustomerIds body) {
		if (body == null || body.segmentId() == null) {
			return null;
		}
		if (body.customerIds() != null) {
			throw InvalidInput.of("segment_id", "give either customer_ids or segment_id, not both");
		}
		UUID segment = uuid("segment_id", body.segmentId());
		if (!memberships.exists(segment)) {
			throw InvalidInput.of("segment_id", "is not a known segment");
		}
		return segment;
	}

	/**
	 * The customers a trigger or dry run names: each entry is the mall's customer id (e.g. {@code CUST001}), as
	 * everywhere in the API, or a profile id (a UUID, as run and job results give them).
	 */
	private List<UUID> customers(AutomationRequests.CustomerIds body) {
		if (body == null || body.customerIds() == null || body.customerIds().isEmpty()
				|| body.customerIds().size() > 1000) {
			throw InvalidInput.of("customer_ids", "must list 1 to 1000 customer ids");
		}
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < body.customerIds().size(); i++) {
			String value = body.customerIds().get(i);
			String field = "customer_ids[" + i + "]";
			if (value == null || value.isBlank()) {
				throw InvalidInput.of(field, "must be a customer id");
			}
			java.util.Optional<UUID> external = directory.findByExternalId(value.strip()).map(c -> c.id().value());
			ids.add(external.orElseGet(() -> profileId(field, value)));
		}
		return ids;
	}

	private static UUID profileId(String field, String value) {
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of(field, "no customer with this id");
		}
	}

	private static UUID uuid(String field, String value) {
		try {
			return UUID.fromString(value);
		}
		catch (RuntimeException ex) {
			throw InvalidInput.of(field, "must be a UUID");
		}
	}
}
