package io.atrium.automation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.atrium.tracking.TouchpointRecorded;

import org.springframework.stereotype.Component;

/**
 * Touchpoints seen by runs: they resume runs waiting for their type ({@code wait} with {@code until_event}) and count
 * as goal conversions. Resuming is a conditional update of a run still waiting for that type, in the same
 * transaction as scheduling its next step, and the timeout moves the run only while it is still at the wait step;
 * whichever comes first wins, exactly once.
 */
@Component
class EventWaits {

	private final WorkflowRuns runs;

	private final StepScheduling scheduling;

	private final Clock clock;

	EventWaits(WorkflowRuns runs, StepScheduling scheduling, Clock clock) {
		this.runs = runs;
		this.scheduling = scheduling;
		this.clock = clock;
	}

	/** Resumes the customer's runs waiting for this touchpoint's type at the step after the wait. */
	void resume(TouchpointRecorded event) {
		Instant now = clock.instant();
		var resumed = runs.jdbc().sql("""
				update workflow_run set state = 'running', step_index = step_index + 1, due_at = null, waiting_for = null,
				       reason = null, updated_at = :now
				where customer_id = :c and state = 'waiting' and waiting_for = :type
				returning id, step_index - 1 as wait_step, due_at""")
			.param("now", Timestamp.from(now)).param("c", event.customerId().value())
			.param("type", event.touchpointType())
			.query((rs, n) -> new Object[] { rs.getObject("id", UUID.class), rs.getInt("wait_step") }).list();
		for (Object[] row : resumed) {
			UUID run = (UUID) row[0];
			int waitStep = (Integer) row[1];
			runs.log(run, waitStep, "wait", "{\"touchpoint_id\": \"" + event.touchpointId() + "\"}",
					"event: " + event.touchpointType(), null, 1, now, now);
			scheduling.schedule(run, waitStep + 1, null);
		}
	}

	/**
	 * Records the touchpoint as a conversion of each of the customer's runs whose goal type it has (the workflow's
	 * {@code settings.goal_touchpoint_type}, {@code purchase} by default) and that entered within the goal window
	 * before it ({@code settings.goal_window_days}, 30 by default). Counted once per run and touchpoint.
	 */
	void recordConversion(TouchpointRecorded event) {
		runs.jdbc().sql("""
				insert into workflow_conversion (run_id, touchpoint_id, amount, occurred_at)
				select r.id, :tp, :amount, :at from workflow_run r
				join workflow_version v on v.workflow_id = r.workflow_id and v.version = r.version
				where r.customer_id = :c and r.entered_at <= :at
				  and coalesce(v.definition -> 'settings' ->> 'goal_touchpoint_type', 'purchase') = :type
				  and r.entered_at >= cast(:at as timestamptz)
				      - make_interval(days => coalesce((v.definition -> 'settings' ->> 'goal_window_days')::int, 30))
				on conflict do nothing""")
			.param("tp", event.touchpointId()).param("amount", event.amount())
			.param("at", Timestamp.from(event.occurredAt())).param("c", event.customerId().value())
			.param("type", event.touchpointType()).update();
	}
}
