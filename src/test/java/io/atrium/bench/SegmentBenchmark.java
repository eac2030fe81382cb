package io.atrium.bench;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.AtriumApplication;
import io.atrium.demo.LoadingDemoMall;
import io.atrium.platform.ConsoleProgress;
import io.atrium.platform.JobProgress;
import io.atrium.platform.JobView;
import io.atrium.segment.SegmentBenchmarkAccess;
import io.atrium.shared.CustomerId;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Segment benchmark (not a test): loads the generated mall into a fresh embedded PostgreSQL, rebuilds the segment
 * facts (backfill), then times the full set-based recompute of a 3-condition segment (member tier, e-mail consent,
 * "≥ 3 store_visit in the last 30 days") and the incremental re-evaluation of single customers.
 * <p>
 * Run (see docs/PERFORMANCE.md):
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.classpath) io.atrium.bench.SegmentBenchmark --size 100000
 * </pre>
 */
public final class SegmentBenchmark {

	private static final String NOW = "2026-11-24T10:00:00+08:00";

	private static final String RULE = """
			{"type": "and", "children": [
			  {"type": "profile", "field": "member_tier", "op": "in", "value": ["gold", "platinum", "diamond"]},
			  {"type": "consent", "channel": "email", "status": "granted"},
			  {"type": "touchpoint_count", "touchpoint_type": "store_visit", "window_days": 30, "op": "gte", "value": 3}]}
			""";

	private SegmentBenchmark() {
	}

	public static void main(String[] args) {
		List<String> arguments = Arrays.asList(args);
		int index = arguments.indexOf("--size");
		int size = index >= 0 ? Integer.parseInt(arguments.get(index + 1).replace("_", "")) : 100_000;
		Instant now = OffsetDateTime.parse(NOW).toInstant();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtriumApplication.class)
			.web(WebApplicationType.NONE)
			.run("--atrium.data-directory=target/bench-data", "--atrium.database.embedded-directory=target/bench-data/postgres",
					"--atrium.database.embedded-ephemeral=true", "--atrium.demo.load-on-first-start=false",
					"--atrium.clock.fixed=" + NOW, "--spring.main.banner-mode=off", "--logging.level.root=warn",
					"--logging.level.io.atrium=warn", "--spring.thymeleaf.check-template-location=false")) {
			JobView job = context.getBean(LoadingDemoMall.class)
				.loadNow(size, 20261124L, "benchmark", ConsoleProgress.onStandardError());
			if (!"succeeded".equals(job.status())) {
				print("load failed: %s", job.message());
				System.exit(1);
			}
			SegmentBenchmarkAccess segments = new SegmentBenchmarkAccess(context);
			long started = System.nanoTime();
			Map<String, Object> backfill = segments.backfill(new SilentProgress());
			print("backfill (profiles and daily facts from history): %s in %.1f s", backfill, seconds(System.nanoTime() - started));
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			jdbc.sql("analyze").update();
			print("facts: %,d profiles, %,d daily fact rows", count(jdbc, "segment_profile"), count(jdbc, "segment_fact"));

			UUID segment = segments.define("bench " + UUID.randomUUID(), RULE);
			started = System.nanoTime();
			int size1 = segments.recompute(segment, now);
			double first = seconds(System.nanoTime() - started);
			print("full recompute, first (every member enters, %,d SegmentMembershipChanged events stored): %,d members in %.2f s",
					size1, size1, first);
			for (int run = 2; run <= 4; run++) {
				started = System.nanoTime();
				int again = segments.recompute(segment, now);
				print("full recompute, run %d (no changes): %,d members in %.2f s", run, again, seconds(System.nanoTime() - started));
			}

			List<CustomerId> sample = jdbc.sql("select customer_id from segment_profile order by random() limit 2000")
				.query((rs, n) -> new CustomerId(rs.getObject(1, UUID.class)))
				.list();
			for (CustomerId customer : sample.subList(0, 200)) {
				segments.evaluate(customer, now);
			}
			List<Long> nanos = new ArrayList<>();
			for (CustomerId customer : sample) {
				long t = System.nanoTime();
				segments.evaluate(customer, now);
				nanos.add(System.nanoTime() - t);
			}
			Collections.sort(nanos);
			print("incremental re-evaluation of one customer (transaction, rule check, membership, timer), %,d customers: "
					+ "median %.3f ms, p95 %.3f ms, p99 %.3f ms", nanos.size(), nanos.get(nanos.size() / 2) / 1e6,
					nanos.get(nanos.size() * 95 / 100) / 1e6, nanos.get(nanos.size() * 99 / 100) / 1e6);
		}
	}

	private static long count(JdbcClient jdbc, String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private static void print(String format, Object... args) {
		System.out.println(String.format(format, args));
	}

	/** Progress nobody watches. */
	private static final class SilentProgress implements JobProgress {

		@Override
		public void total(long total) {
		}

		@Override
		public void advance(long units) {
		}

		@Override
		public void done(long done) {
		}

		@Override
		public void message(String message) {
		}

		@Override
		public void phase(String message, long total) {
		}
	}
}
