package io.atrium.automation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.atrium.shared.Conflict;
import io.atrium.shared.NotFound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Follow-up tasks for staff created by {@code create_task} steps (one per run and title), listable and closable.
 */
@Component
class AutomationTasks {

	record Task(UUID id, UUID workflowId, UUID runId, UUID customerId, String title, String assignee, String status,
			Instant createdAt, Instant closedAt, String closedBy) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	AutomationTasks(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	StepResult create(RunExecution.StepContext c) {
		jdbc.sql("""
				insert into automation_task (id, workflow_id, run_id, customer_id, title, assignee, status, created_at)
				values (:id, :w, :r, :c, :t, :a, 'open', :now) on conflict (run_id, title) do nothing""")
			.param("id", UUID.randomUUID()).param("w", c.run().workflowId()).param("r", c.run().id())
			.param("c", c.run().customerId()).param("t", c.config().get("title").asString())
			.param("a", c.config().path("assignee").isString() ? c.config().get("assignee").asString() : null)
			.param("now", Timestamp.from(clock.instant())).update();
		return StepResult.next(c.step() + 1, "task_created");
	}

	List<Task> page(String status, Instant before, UUID beforeId, int limit) {
		String where = " where (:s::text is null or status = :s)"
				+ (before == null ? "" : " and (created_at, id) < (:b, :bi)");
		var spec = jdbc.sql("select * from automation_task" + where + " order by created_at desc, id desc limit :n")
			.param("s", status).param("n", limit);
		if (before != null) {
			spec = spec.param("b", Timestamp.from(before)).param("bi", beforeId);
		}
		return spec.query((rs, n) -> new Task(rs.getObject("id", UUID.class), rs.getObject("workflow_id", UUID.class),
				rs.getObject("run_id", UUID.class), rs.getObject("customer_id", UUID.class), rs.getString("title"),
				rs.getString("assignee"), rs.getString("status"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant(),
				rs.getString("closed_by"))).list();
	}

	Task close(UUID id, String actor) {
		int updated = jdbc.sql("""
				update automation_task set status = 'closed', closed_at = :now, closed_by = :by
				where id = :id and status = 'open'""")
			.param("id", id).param("now", Timestamp.from(clock.instant())).param("by", actor).update();
		List<Task> found = jdbc.sql("select * from automation_task where id = :id").param("id", id)
			.query((rs, n) -> new Task(rs.getObject("id", UUID.class), rs.getObject("workflow_id", UUID.class),
					rs.getObject("run_id", UUID.class), rs.getObject("customer_id", UUID.class), rs.getString("title"),
					rs.getString("assignee"), rs.getString("status"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant(),
					rs.getString("closed_by")))
			.list();
		if (found.isEmpty()) {
			throw new NotFound("task-not-found", "no task with id " + id);
		}
		if (updated == 0) {
			throw new Conflict("task-already-closed", "the task is already closed");
		}
		return found.get(0);
	}
}
