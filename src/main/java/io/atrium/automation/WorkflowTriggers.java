package io.atrium.automation;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import io.atrium.journey.LifecycleStageChanged;
import io.atrium.scoring.LeadQualified;
import io.atrium.segment.SegmentMembershipChanged;
import io.atrium.tracking.TouchpointRecorded;
import io.atrium.tracking.TouchpointsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Event-driven entries and exits. {@code lifecycle_stage} workflows take customers entering their configured stage;
 * {@code behavior} workflows take customers whose touchpoint matches the type and the simple typed conditions
 * ({@code store_id}, {@code channel}, {@code min_amount}); a touchpoint whose type a workflow lists in
 * {@code settings.exit_on_touchpoint_types} ends that customer's running runs as exited; a touchpoint resumes runs
 * waiting for its type ({@code wait} with {@code until_event}) and is counted as a goal conversion of recent runs.
 * {@code segment} workflows take customers entering or leaving their segment ({@code SegmentMembershipChanged});
 * {@code score} workflows take customers whose lead qualification rises to {@code mql}/{@code sql}
 * ({@code LeadQualified}). The {@code time} trigger is {@link TimeTriggers}.
 */
@Component
class WorkflowTriggers {

	private static final Logger log = LoggerFactory.getLogger(WorkflowTriggers.class);

	private final Workflows workflows;

	private final RunEntry entry;

	private final WorkflowRuns runs;

	private final EventWaits waits;

	WorkflowTriggers(Workflows workflows, RunEntry entry, WorkflowRuns runs, EventWaits waits) {
		this.workflows = workflows;
		this.entry = entry;
		this.runs = runs;
		this.waits = waits;
	}

	@ApplicationModuleListener
	void on(SegmentMembershipChanged event) {
		String on = event.change() == SegmentMembershipChanged.Change.ENTERED ? "enter" : "leave";
		for (Workflows.Row workflow : workflows.activeWithTrigger("segment")) {
			JsonNode config = workflow.definition().path("trigger").path("config");
			if (event.segmentId().toString().equals(config.path("segment_id").asString(""))
					&& on.equals(config.path("on").asString(""))) {
				enter(workflow, event.customerId().value());
			}
		}
	}

	@ApplicationModuleListener
	void on(LeadQualified event) {
		int rank = QUALIFICATION_RANK.getOrDefault(event.qualification(), 0);
		if (rank <= QUALIFICATION_RANK.getOrDefault(event.previous(), 0)) {
			return;
		}
		for (Workflows.Row workflow : workflows.activeWithTrigger("score")) {
			JsonNode config = workflow.definition().path("trigger").path("config");
			boolean matches = config.has("qualification")
					? config.get("qualification").asString().equals(event.qualification())
					: config.path("qualified").asBoolean(false);
			if (matches) {
				enter(workflow, event.customerId().value());
			}
		}
	}

	private static final java.util.Map<String, Integer> QUALIFICATION_RANK = java.util.Map.of("lead", 0, "mql", 1,
			"sql", 2);

	@ApplicationModuleListener
	void on(LifecycleStageChanged event) {
		for (Workflows.Row workflow : workflows.activeWithTrigger("lifecycle_stage")) {
			String stage = workflow.definition().path("trigger").path("config").path("stage").asString("");
			if (stage.equals(event.to().code())) {
				enter(workflow, event.customerId().value());
			}
		}
	}

	@ApplicationModuleListener
	void on(TouchpointsRecorded recorded) {
		List<Workflows.Row> behavioral = workflows.activeWithTrigger("behavior");
		for (TouchpointRecorded event : recorded.byCustomer()) {
			exitMatchingRuns(event);
			waits.resume(event);
			waits.recordConversion(event);
			for (Workflows.Row workflow : behavioral) {
				if (matches(workflow.definition().path("trigger").path("config"), event)) {
					enter(workflow, event.customerId().value());
				}
			}
		}
	}

	static boolean matches(JsonNode config, TouchpointRecorded event) {
		if (!config.path("touchpoint_type").asString("").equals(event.touchpointType())) {
			return false;
		}
		if (config.has("store_id") && !config.get("store_id").asString().equals(event.storeId())) {
			return false;
		}
		if (config.has("channel") && !config.get("channel").asString().equals(event.channel())) {
			return false;
		}
		if (config.has("min_amount")) {
			BigDecimal min = config.get("min_amount").decimalValue();
			return event.amount() != null && event.amount().compareTo(min) >= 0;
		}
		return true;
	}

	private void exitMatchingRuns(TouchpointRecorded event) {
		runs.jdbc().sql("""
				update workflow_run r set state = 'exited', reason = 'exit_condition: ' || :type, finished_at = :now,
				       updated_at = :now
				from workflow_version v
				where v.workflow_id = r.workflow_id and v.version = r.version and r.customer_id = :c
				  and r.state in ('pending', 'running', 'waiting')
				  and coalesce(v.definition -> 'settings' -> 'exit_on_touchpoint_types', '[]'::jsonb) @> jsonb_build_array(:type::text)""")
			.param("type", event.touchpointType()).param("c", event.customerId().value())
			.param("now", Timestamp.from(event.occurredAt())).update();
	}

	private void enter(Workflows.Row workflow, UUID customer) {
		RunEntry.Entered entered = entry.enter(workflow, customer);
		if (entered.skipped() != null) {
			log.debug("Customer not entered into workflow {}: {}", workflow.id(), entered.skipped());
		}
	}
}
