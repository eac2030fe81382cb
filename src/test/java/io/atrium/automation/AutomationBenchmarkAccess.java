package io.atrium.automation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark access to the engine's package-private parts (used by {@code io.atrium.bench.AutomationBenchmark}).
 */
public final class AutomationBenchmarkAccess {

	private final WorkflowManagement management;

	private final RunEntry entry;

	private final JdbcClient jdbc;

	private final SchedulerClient scheduler;

	private final JsonMapper json;

	private final Clock clock;

	private final String taskName;

	public AutomationBenchmarkAccess(ApplicationContext context) {
		this.management = context.getBean(WorkflowManagement.class);
		this.entry = context.getBean(RunEntry.class);
		this.jdbc = context.getBean(JdbcClient.class);
		this.scheduler = context.getBean(SchedulerClient.class);
		this.json = context.getBean(JsonMapper.class);
		this.clock = context.getBean(Clock.class);
		this.taskName = context.getEnvironment().getProperty("atrium.automation.step-task", "automation-step");
	}

	/** Creates and starts a workflow; returns its id. */
	public UUID activeWorkflow(String definition) {
		UUID id = management.create(json.readTree(definition), "benchmark").id();
		management.start(id);
		return id;
	}

	/** Enters a customer through the entry rules; returns the run id, or null when skipped. */
	public UUID enter(UUID workflow, UUID customer) {
		return entry.enter(management.get(workflow), customer).runId();
	}

	/**
	 * Seeds {@code n} runs waiting at {@code step} of a workflow with their db-scheduler task instances due between
	 * {@code from} and {@code to} (spread evenly): the state a wait step leaves, written in bulk instead of through the
	 * engine.
	 */
	public void seedPendingWaits(UUID workflow, int step, int n, Instant from, Instant to) {
		int batch = 10_000;
		long span = to.toEpochMilli() - from.toEpochMilli();
		for (int offset = 0; offset < n; offset += batch) {
			int size = Math.min(batch, n - offset);
			List<UUID> ids = new ArrayList<>(size);
			List<Instant> dues = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				ids.add(UUID.randomUUID());
				dues.add(Instant.ofEpochMilli(from.toEpochMilli() + span * (offset + i) / Math.max(1, n)));
			}
			jdbc.sql("""
					insert into workflow_run (id, workflow_id, version, customer_id, state, step_index, due_at, entered_at, updated_at)
					select id, :w, 1, gen_random_uuid(), 'waiting', :s, due, :now, :now
					from unnest(cast(cast(:ids as text[]) as uuid[]), cast(cast(:dues as text[]) as timestamptz[])) as t(id, due)""")
				.param("w", workflow).param("s", step).param("now", java.sql.Timestamp.from(clock.instant()))
				.param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
				.param("dues", dues.stream().map(Instant::toString).toArray(String[]::new))
				.update();
			List<com.github.kagkarlsson.scheduler.task.SchedulableInstance<?>> instances = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				String data = ids.get(i) + "/" + step;
				instances.add(com.github.kagkarlsson.scheduler.task.SchedulableInstance
					.of(new TaskInstance<>(taskName, data + "/seed", data), dues.get(i)));
			}
			scheduler.scheduleBatch(instances);
		}
	}
}
