package io.atrium.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.atrium.AtriumApplication;
import io.atrium.automation.AutomationBenchmarkAccess;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Automation engine benchmark (not a test), on a fresh embedded PostgreSQL with the application's own db-scheduler
 * settings and the system clock:
 * <ol>
 * <li>seeds {@code --pending} runs waiting on a timer due in 1–2 days (bulk-written workflow_run rows and db-scheduler
 * task instances: the state a wait step leaves), so the scheduler's table holds that many pending waits;</li>
 * <li>step throughput: enters {@code --runs} runs of a four-step workflow (create_task, branch on e-mail consent,
 * create_task, exit) and measures step executions per second from the first entry to the last finished run; then
 * seeds as many runs of it due at once (execution only, no entries) and measures again;</li>
 * <li>timer lateness: enters {@code --timers} runs of a workflow that waits 30 s then creates a task, spread over
 * 30 s, and measures for each run how late the step after the wait started (its start minus the wait's start + 30
 * s), p50/p95/p99/max.</li>
 * </ol>
 * Run (see docs/PERFORMANCE.md):
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.classpath) io.atrium.bench.AutomationBenchmark --pending 100000
 * </pre>
 */
public final class AutomationBenchmark {

	private static final String STEPS = """
			{"name": "bench steps", "trigger": {"trigger_type": "manual", "config": {}},
			 "steps": [{"action_type": "create_task", "config": {"title": "first"}},
			           {"action_type": "branch", "config": {"has_consent": "email", "yes_step": 2, "no_step": 2}},
			           {"action_type": "create_task", "config": {"title": "second"}},
			           {"action_type": "exit", "config": {"reason": "done"}}]}""";

	private AutomationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int pending = option(args, "--pending", 100_000);
		int runs = option(args, "--runs", 5_000);
		int timers = option(args, "--timers", 2_000);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtriumApplication.class)
			.web(WebApplicationType.NONE)
			.run("--atrium.data-directory=target/bench-data", "--atrium.database.embedded-directory=target/bench-data/postgres",
					"--atrium.database.embedded-ephemeral=true", "--atrium.demo.load-on-first-start=false",
					"--atrium.automation.max-entries-per-day=1000000", "--spring.main.banner-mode=off",
					"--logging.level.root=warn", "--logging.level.io.atrium=warn",
					"--spring.thymeleaf.check-template-location=false")) {
			AutomationBenchmarkAccess engine = new AutomationBenchmarkAccess(context);
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			print("db-scheduler: threads %s, polling interval %s, %d CPUs",
					context.getEnvironment().getProperty("db-scheduler.threads"),
					context.getEnvironment().getProperty("db-scheduler.polling-interval"),
					Runtime.getRuntime().availableProcessors());

			UUID waiting = engine.activeWorkflow("""
					{"name": "bench pending waits", "trigger": {"trigger_type": "manual", "config": {}},
					 "steps": [{"action_type": "wait", "config": {"wait_days": 1}},
					           {"action_type": "create_task", "config": {"title": "pending"}}]}""");
			long started = System.nanoTime();
			Instant now = Instant.now();
			engine.seedPendingWaits(waiting, 1, pending, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
			jdbc.sql("analyze").update();
			print("seeded %,d pending waits in %.1f s; scheduled_tasks holds %,d instances", pending,
					seconds(System.nanoTime() - started), count(jdbc, "select count(*) from scheduled_tasks"));

			UUID steps = engine.activeWorkflow(STEPS);
			started = System.nanoTime();
			for (int i = 0; i < runs; i++) {
				engine.enter(steps, UUID.randomUUID());
			}
			double entering = seconds(System.nanoTime() - started);
			while (count(jdbc, "select count(*) from workflow_run where workflow_id = '" + steps
					+ "' and finished_at is null") > 0) {
				Thread.sleep(100);
			}
			double elapsed = seconds(System.nanoTime() - started);
			long executions = count(jdbc, "select count(*) from workflow_step_log l join workflow_run r on r.id = l.run_id"
					+ " where r.workflow_id = '" + steps + "'");
			print("throughput: %,d runs entered in %.1f s (%,.0f entries/s); %,d step executions finished %.1f s after "
					+ "the first entry: %,.0f step executions/s (entries included)", runs, entering, runs / entering,
					executions, elapsed, executions / elapsed);

			UUID seededSteps = engine.activeWorkflow(STEPS.replace("bench steps", "bench steps, seeded"));
			started = System.nanoTime();
			Instant dueNow = Instant.now();
			engine.seedPendingWaits(seededSteps, 0, runs, dueNow, dueNow);
			while (count(jdbc, "select count(*) from workflow_run where workflow_id = '" + seededSteps
					+ "' and finished_at is null") > 0) {
				Thread.sleep(100);
			}
			elapsed = seconds(System.nanoTime() - started);
			executions = count(jdbc, "select count(*) from workflow_step_log l join workflow_run r on r.id = l.run_id"
					+ " where r.workflow_id = '" + seededSteps + "'");
			print("throughput, execution only: %,d runs due at once (seeded), %,d step executions in %.1f s: %,.0f step "
					+ "executions/s", runs, executions, elapsed, executions / elapsed);

			UUID timed = engine.activeWorkflow("""
					{"name": "bench timers", "trigger": {"trigger_type": "manual", "config": {}},
					 "steps": [{"action_type": "wait", "config": {"wait_minutes": 0.5}},
					           {"action_type": "create_task", "config": {"title": "timer"}}]}""");
			started = System.nanoTime();
			long spacingNanos = Duration.ofSeconds(30).toNanos() / timers;
			for (int i = 0; i < timers; i++) {
				long due = started + i * spacingNanos;
				long sleep = due - System.nanoTime();
				if (sleep > 0) {
					Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
				}
				engine.enter(timed, UUID.randomUUID());
			}
			while (count(jdbc, "select count(*) from workflow_run where workflow_id = '" + timed
					+ "' and finished_at is null") > 0) {
				Thread.sleep(200);
			}
			List<Long> lateness = new ArrayList<>(jdbc.sql("""
					select (extract(epoch from (s.started_at - (w.started_at + interval '30 seconds'))) * 1000)::bigint
					from workflow_step_log w join workflow_step_log s on s.run_id = w.run_id and s.step_index = 1
					join workflow_run r on r.id = w.run_id
					where r.workflow_id = :w and w.step_index = 0""").param("w", timed).query(Long.class).list());
			Collections.sort(lateness);
			print("timer lateness over %,d waits of 30 s with %,d other waits pending: p50 %,d ms, p95 %,d ms, p99 %,d ms, "
					+ "max %,d ms", lateness.size(), pending, percentile(lateness, 50), percentile(lateness, 95),
					percentile(lateness, 99), lateness.isEmpty() ? 0 : lateness.get(lateness.size() - 1));
		}
	}

	private static long percentile(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	private static long count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private static int option(String[] args, String name, int fallback) {
		List<String> arguments = Arrays.asList(args);
		int index = arguments.indexOf(name);
		return index >= 0 ? Integer.parseInt(arguments.get(index + 1).replace("_", "")) : fallback;
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private static void print(String format, Object... args) {
		System.out.printf(format + "%n", args);
	}
}
