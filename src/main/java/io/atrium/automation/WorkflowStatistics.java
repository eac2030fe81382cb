package io.atrium.automation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Read access for reports (analytics): what each workflow did in a time span. Aggregates only.
 */
@Service
public class WorkflowStatistics {

	private final JdbcTemplate jdbc;

	WorkflowStatistics(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param workflowId the workflow
	 * @param name its name
	 * @param entered runs that entered in the span
	 * @param completed runs that completed in the span
	 * @param exited runs that exited (exit rule) in the span
	 * @param failed runs that failed in the span
	 * @param messagesSent send_email / send_sms / send_push steps that ended {@code sent} in the span
	 */
	public record WorkflowFigures(UUID workflowId, String name, long entered, long completed, long exited,
			long failed, long messagesSent) {
	}

	/**
	 * @param from start, inclusive
	 * @param to end, exclusive
	 * @return the workflows with any of these figures non-zero in the span, most runs entered first
	 */
	public List<WorkflowFigures> figures(Instant from, Instant to) {
		Timestamp start = Timestamp.from(from);
		Timestamp end = Timestamp.from(to);
		return jdbc.query("""
				select w.id, w.name, coalesce(r.entered, 0), coalesce(r.completed, 0), coalesce(r.exited, 0),
				       coalesce(r.failed, 0), coalesce(s.sent, 0)
				from workflow w
				left join (select workflow_id,
				                  count(*) filter (where entered_at >= ? and entered_at < ?) as entered,
				                  count(*) filter (where state = 'completed' and finished_at >= ? and finished_at < ?) as completed,
				                  count(*) filter (where state = 'exited' and finished_at >= ? and finished_at < ?) as exited,
				                  count(*) filter (where state = 'failed' and finished_at >= ? and finished_at < ?) as failed
				           from workflow_run
				           where (entered_at >= ? and entered_at < ?) or (finished_at >= ? and finished_at < ?)
				           group by workflow_id) r on r.workflow_id = w.id
				left join (select r.workflow_id, count(*) as sent
				           from workflow_step_log l join workflow_run r on r.id = l.run_id
				           where l.action_type in ('send_email', 'send_sms', 'send_push') and l.outcome = 'sent'
				             and l.finished_at >= ? and l.finished_at < ?
				           group by r.workflow_id) s on s.workflow_id = w.id
				where r.workflow_id is not null or s.workflow_id is not null
				order by 3 desc, 2, 1""", (rs, n) -> new WorkflowFigures(rs.getObject(1, UUID.class), rs.getString(2),
				rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)), start, end, start, end,
				start, end, start, end, start, end, start, end, start, end);
	}
}
