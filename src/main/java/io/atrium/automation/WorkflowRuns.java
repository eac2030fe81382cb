package io.atrium.automation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Runs, their step logs, side-effect keys and dead letters. Every state change is conditional on the step the
 * caller believes the run is at, so two executions of the same step can never both advance it.
 */
@Repository
class WorkflowRuns {

	record Run(UUID id, UUID workflowId, int version, UUID customerId, RunState state, int stepIndex, Instant dueAt,
			String variant, String waitingFor) {
	}

	private final JdbcClient jdbc;

	WorkflowRuns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, UUID workflowId, int version, UUID customer, Instant now) {
		jdbc.sql("""
				insert into workflow_run (id, workflow_id, version, customer_id, state, step_index, entered_at, updated_at)
				values (:id, :w, :v, :c, 'pending', 0, :now, :now)""")
			.param("id", id).param("w", workflowId).param("v", version).param("c", customer)
			.param("now", Timestamp.from(now)).update();
	}

	Optional<Run> find(UUID id) {
		return jdbc.sql("""
				select id, workflow_id, version, customer_id, state, step_index, due_at, variant, waiting_for from workflow_run
				where id = :id""").param("id", id).query((rs, n) -> new Run(rs.getObject("id", UUID.class),
						rs.getObject("workflow_id", UUID.class), rs.getInt("version"),
						rs.getObject("customer_id", UUID.class), RunState.of(rs.getString("state")),
						rs.getInt("step_index"),
						rs.getTimestamp("due_at") == null ? null : rs.getTimestamp("due_at").toInstant(),
						rs.getString("variant"), rs.getString("waiting_for")))
			.optional();
	}

	boolean hasEntered(UUID workflowId, UUID customer) {
		return jdbc.sql("select exists (select 1 from workflow_run where workflow_id = :w and customer_id = :c)")
			.param("w", workflowId).param("c", customer).query(Boolean.class).single();
	}

	boolean isRunning(UUID workflowId, UUID customer) {
		return jdbc.sql("""
				select exists (select 1 from workflow_run where workflow_id = :w and customer_id = :c
				and state in ('pending', 'running', 'waiting'))""")
			.param("w", workflowId).param("c", customer).query(Boolean.class).single();
	}

	int enteredSince(UUID customer, Instant since) {
		return jdbc.sql("select count(*) from workflow_run where customer_id = :c and entered_at >= :s")
			.param("c", customer).param("s", Timestamp.from(since)).query(Integer.class).single();
	}

	void lockEntry(UUID workflowId, UUID customer) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:k, 0))")
			.param("k", workflowId + "/" + customer).query((rs, n) -> 1).list();
	}

	/** Moves a run that is at {@code step} (and not finished) to a new state and step. */
	boolean move(UUID id, int step, RunState state, int nextStep, Instant dueAt, String reason, Instant now) {
		return jdbc.sql("""
				update workflow_run set state = :state, step_index = :next, due_at = :due, reason = :reason,
				       waiting_for = null, updated_at = :now, finished_at = case when cast(:finished as boolean) then cast(:now as timestamptz) else null end
				where id = :id and step_index = :step and state in ('pending', 'running', 'waiting')""")
			.param("id", id).param("step", step).param("state", state.code()).param("next", nextStep)
			.param("due", dueAt == null ? null : Timestamp.from(dueAt)).param("reason", reason)
			.param("finished", state.finished()).param("now", Timestamp.from(now)).update() == 1;
	}

	/** Puts a run that is at {@code step} to waiting at that step for a touchpoint type, until {@code timeout}. */
	boolean waitForEvent(UUID id, int step, String touchpointType, Instant timeout, Instant now) {
		return jdbc.sql("""
				update workflow_run set state = 'waiting', due_at = :due, waiting_for = :type, reason = null, updated_at = :now
				where id = :id and step_index = :step and state in ('pending', 'running', 'waiting')""")
			.param("id", id).param("step", step).param("due", Timestamp.from(timeout)).param("type", touchpointType)
			.param("now", Timestamp.from(now)).update() == 1;
	}

	void recordVariant(UUID id, String variant) {
		jdbc.sql("update workflow_run set variant = :v where id = :id and variant is null").param("id", id)
			.param("v", variant).update();
	}

	int attempts(UUID run, int step) {
		return jdbc.sql("select count(*) from workflow_step_log where run_id = :r and step_index = :s and outcome = 'retry'")
			.param("r", run).param("s", step).query(Integer.class).single();
	}

	void log(UUID run, int step, String actionType, String input, String outcome, String error, int attempt,
			Instant started, Instant finished) {
		jdbc.sql("""
				insert into workflow_step_log (run_id, step_index, action_type, input, outcome, error, attempt, started_at, finished_at)
				values (:r, :s, :a, :i::jsonb, :o, :e, :at, :st, :fi)""")
			.param("r", run).param("s", step).param("a", actionType).param("i", input).param("o", outcome)
			.param("e", error).param("at", attempt).param("st", Timestamp.from(started))
			.param("fi", Timestamp.from(finished)).update();
	}

	/** @return whether the caller claimed the key (first time), or the key was already taken */
	boolean claimSideEffect(String key, UUID run, int step, Instant now) {
		return jdbc.sql("""
				insert into workflow_side_effect (idempotency_key, run_id, step_index, created_at)
				values (:k, :r, :s, :now) on conflict do nothing""")
			.param("k", key).param("r", run).param("s", step).param("now", Timestamp.from(now)).update() == 1;
	}

	Optional<String> sideEffectOutcome(String key) {
		return jdbc.sql("select coalesce(outcome, 'claimed') from workflow_side_effect where idempotency_key = :k")
			.param("k", key).query(String.class).optional();
	}

	void settleSideEffect(String key, String outcome) {
		jdbc.sql("update workflow_side_effect set outcome = :o where idempotency_key = :k").param("k", key)
			.param("o", outcome).update();
	}

	/**
	 * Takes a side effect back for another attempt: after a transient failure, or when an earlier attempt claimed it
	 * and never confirmed (its process was killed between claim and outcome) and the lease has expired. Lease times
	 * are database times, so engines with different clocks agree.
	 * @param lease how long an unconfirmed attempt is presumed still in flight
	 */
	boolean reclaimSideEffect(String key, java.time.Duration lease) {
		return jdbc.sql("""
				update workflow_side_effect set outcome = null, attempted_at = now()
				where idempotency_key = :k and (outcome = 'retryable'
				  or outcome is null and attempted_at < now() - make_interval(secs => :lease))""")
			.param("k", key).param("lease", lease.toMillis() / 1000.0).update() == 1;
	}

	void deadLetter(UUID workflowId, UUID run, int step, String actionType, String error, int attempts, Instant now) {
		jdbc.sql("""
				insert into workflow_dead_letter (id, workflow_id, run_id, step_index, action_type, error, attempts, created_at)
				values (:id, :w, :r, :s, :a, :e, :at, :now)""")
			.param("id", UUID.randomUUID()).param("w", workflowId).param("r", run).param("s", step)
			.param("a", actionType).param("e", error).param("at", attempts).param("now", Timestamp.from(now)).update();
	}

	/** @return [finished runs, failed runs] among the workflow's last {@code window} finished runs */
	int[] failureWindow(UUID workflowId, int window) {
		return jdbc.sql("""
				select count(*) as finished, count(*) filter (where state = 'failed') as failed from (
				  select state from workflow_run where workflow_id = :w and finished_at is not null
				  order by finished_at desc limit :n) recent""")
			.param("w", workflowId).param("n", window)
			.query((rs, n) -> new int[] { rs.getInt("finished"), rs.getInt("failed") }).single();
	}

	List<Run> dueWaiting(Instant now, int limit) {
		return jdbc.sql("""
				select id, workflow_id, version, customer_id, state, step_index, due_at, variant, waiting_for from workflow_run
				where state = 'waiting' and due_at <= :now order by due_at limit :n""")
			.param("now", Timestamp.from(now)).param("n", limit)
			.query((rs, n) -> new Run(rs.getObject("id", UUID.class), rs.getObject("workflow_id", UUID.class),
					rs.getInt("version"), rs.getObject("customer_id", UUID.class), RunState.of(rs.getString("state")),
					rs.getInt("step_index"), rs.getTimestamp("due_at").toInstant(), rs.getString("variant"),
					rs.getString("waiting_for")))
			.list();
	}

	List<UUID> activeRunsOf(UUID customer) {
		return jdbc.sql("select id from workflow_run where customer_id = :c and state in ('pending', 'running', 'waiting')")
			.param("c", customer).query(UUID.class).list();
	}

	/** @return a customer's runs, latest entered first, with the workflow's name and the current step's type */
	List<WorkflowReports.CustomerRun> latestOf(UUID customer, int limit) {
		return jdbc.sql("""
				select r.id, r.workflow_id, w.name, r.version, r.state, r.step_index,
				       v.definition -> 'steps' -> r.step_index ->> 'action_type' as step_type,
				       jsonb_array_length(v.definition -> 'steps') as steps, r.entered_at, r.finished_at, r.reason
				from workflow_run r
				join workflow w on w.id = r.workflow_id
				join workflow_version v on v.workflow_id = r.workflow_id and v.version = r.version
				where r.customer_id = :c order by r.entered_at desc, r.id desc limit :limit""")
			.param("c", customer).param("limit", limit)
			.query((rs, n) -> new WorkflowReports.CustomerRun(rs.getObject("id", UUID.class),
					rs.getObject("workflow_id", UUID.class), rs.getString("name"), rs.getInt("version"),
					rs.getString("state"), rs.getInt("step_index"), rs.getString("step_type"), rs.getInt("steps"),
					rs.getTimestamp("entered_at").toInstant(),
					rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
					rs.getString("reason")))
			.list();
	}

	Map<String, Object> count(String sql, Map<String, Object> params) {
		return jdbc.sql(sql).params(params).query().singleRow();
	}

	private static final String RUN_COLUMNS = """
			select r.id, r.workflow_id, r.version, r.customer_id, r.state, r.step_index, r.entered_at, r.finished_at,
			       r.due_at, r.variant, r.reason, v.definition -> 'steps' -> r.step_index ->> 'action_type' as action_type
			from workflow_run r left join workflow_version v on v.workflow_id = r.workflow_id and v.version = r.version
			""";

	/**
	 * A workflow's runs, newest entry first, after the keyset ({@code beforeEntered}, {@code beforeId}) when given.
	 * @param state a run state code to keep, or {@code null} for all
	 */
	List<RunLog.Run> page(UUID workflowId, String state, Instant beforeEntered, UUID beforeId, int limit) {
		var spec = jdbc.sql(RUN_COLUMNS + " where r.workflow_id = :w"
				+ (state == null ? "" : " and r.state = :state")
				+ (beforeEntered == null ? "" : " and (r.entered_at, r.id) < (:before, :beforeId)")
				+ " order by r.entered_at desc, r.id desc limit :n")
			.param("w", workflowId).param("n", limit);
		if (state != null) {
			spec = spec.param("state", state);
		}
		if (beforeEntered != null) {
			spec = spec.param("before", Timestamp.from(beforeEntered)).param("beforeId", beforeId);
		}
		return spec.query((rs, n) -> runLogRow(rs)).list();
	}

	Optional<RunLog.Run> logRow(UUID run) {
		return jdbc.sql(RUN_COLUMNS + " where r.id = :id").param("id", run).query((rs, n) -> runLogRow(rs)).optional();
	}

	List<RunLog.Step> stepLog(UUID run) {
		return jdbc.sql("""
				select step_index, action_type, outcome, error, attempt, started_at, finished_at
				from workflow_step_log where run_id = :r order by id""").param("r", run)
			.query((rs, n) -> new RunLog.Step(rs.getInt("step_index"), rs.getString("action_type"),
					rs.getString("outcome"), rs.getString("error"), rs.getInt("attempt"), instant(rs, "started_at"),
					instant(rs, "finished_at")))
			.list();
	}

	List<RunLog.SideEffect> sideEffects(UUID run) {
		return jdbc.sql("""
				select idempotency_key, step_index, outcome, created_at from workflow_side_effect
				where run_id = :r order by created_at, idempotency_key""").param("r", run)
			.query((rs, n) -> new RunLog.SideEffect(rs.getString("idempotency_key"), rs.getInt("step_index"),
					rs.getString("outcome"), instant(rs, "created_at")))
			.list();
	}

	List<RunLog.DeadLetter> deadLetters(UUID workflowId, int limit) {
		return jdbc.sql("""
				select id, run_id, step_index, action_type, error, attempts, created_at from workflow_dead_letter
				where workflow_id = :w order by created_at desc, id desc limit :n""").param("w", workflowId)
			.param("n", limit)
			.query((rs, n) -> new RunLog.DeadLetter(rs.getObject("id", UUID.class), rs.getObject("run_id", UUID.class),
					rs.getInt("step_index"), rs.getString("action_type"), rs.getString("error"), rs.getInt("attempts"),
					instant(rs, "created_at")))
			.list();
	}

	private static RunLog.Run runLogRow(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new RunLog.Run(rs.getObject("id", UUID.class), rs.getObject("workflow_id", UUID.class),
				rs.getInt("version"), rs.getObject("customer_id", UUID.class), rs.getString("state"),
				rs.getInt("step_index"), rs.getString("action_type"), instant(rs, "entered_at"),
				instant(rs, "finished_at"), instant(rs, "due_at"), rs.getString("variant"), rs.getString("reason"));
	}

	private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	JdbcClient jdbc() {
		return jdbc;
	}
}
