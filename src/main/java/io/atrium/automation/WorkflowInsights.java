package io.atrium.automation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.atrium.messaging.SendingMessages;
import io.atrium.shared.CustomerId;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read models over runs: performance (entered, active, completed, exited, failed; per-step outcome counts; A/B
 * variants) and dry runs (who would receive what, sending and storing nothing).
 */
@Service
class WorkflowInsights {

	/**
	 * Run counts of a workflow, and its goal: runs converted (a goal touchpoint, {@code purchase} by default, within
	 * the goal window after entry), the conversion rate (converted / entered) and the revenue of those touchpoints.
	 */
	record Performance(UUID workflowId, long entered, long active, long completed, long exited, long failed,
			List<StepCount> steps, List<VariantCount> variants, Goal goal) {
	}

	/** Goal conversion and revenue attributed to a workflow (or to a variant). */
	record Goal(String touchpointType, int windowDays, long converted, double conversionRate, BigDecimal revenue) {
	}

	/** How often a step ended with an outcome. */
	record StepCount(int step, String actionType, String outcome, long count) {
	}

	/** An A/B variant's runs and goal conversions. */
	record VariantCount(String variant, long entered, long completed, long exited, long failed, long converted,
			BigDecimal revenue) {
	}

	/** What one customer would go through. */
	record DryRunCustomer(String customerId, List<DryRunStep> steps) {
	}

	/** One simulated step. */
	record DryRunStep(int step, String actionType, String outcome, String detail) {
	}

	private final WorkflowRuns runs;

	private final SendingMessages messaging;

	WorkflowInsights(WorkflowRuns runs, SendingMessages messaging) {
		this.runs = runs;
		this.messaging = messaging;
	}

	@Transactional(readOnly = true)
	Performance performance(UUID workflowId, JsonNode definition) {
		Map<String, Object> totals = runs.count("""
				select count(*) as entered,
				       count(*) filter (where state in ('pending', 'running', 'waiting')) as active,
				       count(*) filter (where state = 'completed') as completed,
				       count(*) filter (where state = 'exited') as exited,
				       count(*) filter (where state = 'failed') as failed
				from workflow_run where workflow_id = :w""", Map.of("w", workflowId));
		List<StepCount> steps = runs.jdbc().sql("""
				select l.step_index, l.action_type, l.outcome, count(*) as n
				from workflow_step_log l join workflow_run r on r.id = l.run_id
				where r.workflow_id = :w group by 1, 2, 3 order by 1, 3""")
			.param("w", workflowId)
			.query((rs, n) -> new StepCount(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
		List<VariantCount> variants = runs.jdbc().sql("""
				select r.variant, count(*) as entered,
				       count(*) filter (where r.state = 'completed') as completed,
				       count(*) filter (where r.state = 'exited') as exited,
				       count(*) filter (where r.state = 'failed') as failed,
				       count(*) filter (where c.run_id is not null) as converted,
				       coalesce(sum(c.revenue), 0) as revenue
				from workflow_run r
				left join (select run_id, sum(coalesce(amount, 0)) as revenue from workflow_conversion group by run_id) c
				  on c.run_id = r.id
				where r.workflow_id = :w and r.variant is not null group by r.variant order by r.variant""")
			.param("w", workflowId)
			.query((rs, n) -> new VariantCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
					rs.getLong(5), rs.getLong(6), rs.getBigDecimal(7)))
			.list();
		Map<String, Object> goal = runs.count("""
				select count(distinct c.run_id) as converted, coalesce(sum(c.amount), 0) as revenue
				from workflow_conversion c join workflow_run r on r.id = c.run_id where r.workflow_id = :w""",
				Map.of("w", workflowId));
		JsonNode settings = definition.path("settings");
		long entered = number(totals, "entered");
		long converted = number(goal, "converted");
		double rate = entered == 0 ? 0 : Math.round(converted * 10_000.0 / entered) / 10_000.0;
		Goal attributed = new Goal(settings.path("goal_touchpoint_type").asString("purchase"),
				settings.path("goal_window_days").asInt(30), converted, rate, (BigDecimal) goal.get("revenue"));
		return new Performance(workflowId, entered, number(totals, "active"), number(totals, "completed"),
				number(totals, "exited"), number(totals, "failed"), steps, variants, attributed);
	}

	@Transactional(readOnly = true)
	List<DryRunCustomer> dryRun(JsonNode definition, List<UUID> customers) {
		JsonNode steps = definition.get("steps");
		List<DryRunCustomer> result = new ArrayList<>();
		for (UUID customer : customers) {
			List<DryRunStep> simulated = new ArrayList<>();
			Duration waited = Duration.ZERO;
			for (int i = 0; i < steps.size(); i++) {
				JsonNode step = steps.get(i);
				String type = step.get("action_type").asString();
				JsonNode config = step.path("config");
				switch (type) {
					case "send_email":
					case "send_sms":
					case "send_push":
						String channel = type.substring("send_".length());
						Optional<String> refusal = messaging.wouldRefuse(new CustomerId(customer), channel);
						simulated.add(new DryRunStep(i, type, refusal.map(r -> "would_refuse").orElse("would_send"),
								refusal.orElse(config.path("template_id").asString("") + " after " + waited)));
						break;
					case "wait":
						if (config.has("wait_minutes")) {
							waited = waited.plusSeconds(Math.round(config.get("wait_minutes").asDouble() * 60));
						}
						else if (config.has("wait_hours")) {
							waited = waited.plusSeconds(Math.round(config.get("wait_hours").asDouble() * 3600));
						}
						else if (config.has("wait_days")) {
							waited = waited.plusSeconds(Math.round(config.get("wait_days").asDouble() * 86_400));
						}
						simulated.add(new DryRunStep(i, type, "would_wait", config.toString()));
						break;
					case "exit":
						simulated.add(new DryRunStep(i, type, "would_exit", null));
						i = steps.size();
						break;
					default:
						simulated.add(new DryRunStep(i, type, "would_run", config.toString()));
				}
			}
			result.add(new DryRunCustomer(customer.toString(), simulated));
		}
		return result;
	}

	private static long number(Map<String, Object> row, String key) {
		Object value = row.get(key);
		return value == null ? 0 : ((Number) value).longValue();
	}

}
