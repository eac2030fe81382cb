package io.atrium.automation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which side of a score-threshold workflow's threshold each customer was last seen on. Only a move from below
 * (or never seen: an unscored customer counts as 0) to at-or-above is a crossing that enters the workflow; a late
 * score older than the one already recorded changes nothing.
 */
@Component
class ScoreSides {

	private final JdbcClient jdbc;

	ScoreSides(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the customer's side of the threshold as of a score's time.
	 * @return whether this is an upward crossing
	 */
	boolean crossedUpward(UUID workflow, UUID customer, boolean above, Instant asOf) {
		List<Boolean> previous = jdbc.sql("""
				insert into workflow_score_side as s (workflow_id, customer_id, above, as_of)
				values (:workflow, :customer, :above, :asOf)
				on conflict (workflow_id, customer_id) do update set above = excluded.above, as_of = excluded.as_of
				  where s.as_of <= excluded.as_of
				returning coalesce((select p.above from workflow_score_side p
				                    where p.workflow_id = :workflow and p.customer_id = :customer), false)""")
			.param("workflow", workflow)
			.param("customer", customer)
			.param("above", above)
			.param("asOf", Timestamp.from(asOf))
			.query(Boolean.class)
			.list();
		return above && !previous.isEmpty() && !previous.get(0);
	}
}
