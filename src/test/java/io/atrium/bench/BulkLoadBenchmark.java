package io.atrium.bench;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Locale;

import io.atrium.AtriumApplication;
import io.atrium.demo.LoadingDemoMall;
import io.atrium.demo.SyntheticMall;
import io.atrium.platform.ConsoleProgress;
import io.atrium.platform.JobView;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bulk-load benchmark (not a test): generates a synthetic mall in memory to measure the generator alone, then
 * loads the same mall into a fresh embedded PostgreSQL through {@link LoadingDemoMall} and prints the
 * generation rate, the customer and touchpoint load times and the total.
 * <p>
 * Run (see docs/PERFORMANCE.md):
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.classpath) io.atrium.bench.BulkLoadBenchmark 1000000
 * </pre>
 * Arguments: number of customers (default 1,000,000) and seed (default 20261124).
 */
public final class BulkLoadBenchmark {

	private static final String NOW = "2026-11-24T10:00:00+08:00";

	private BulkLoadBenchmark() {
	}

	public static void main(String[] args) {
		int customers = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
		long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261124L;
		Clock clock = Clock.fixed(OffsetDateTime.parse(NOW).toInstant(), ZoneId.of("Asia/Shanghai"));

		SyntheticMall mall = SyntheticMall.of(seed, customers, clock);
		long started = System.nanoTime();
		count(mall.customers());
		long customersGenerated = System.nanoTime();
		long touchpoints = count(mall.touchpoints());
		long touchpointsGenerated = System.nanoTime();
		double customerSeconds = seconds(customersGenerated - started);
		double touchpointSeconds = seconds(touchpointsGenerated - customersGenerated);
		print("generated %,d customers in %.1f s (%,.0f/s), %,d touchpoints in %.1f s (%,.0f/s), one thread",
				customers, customerSeconds, customers / customerSeconds, touchpoints, touchpointSeconds,
				touchpoints / touchpointSeconds);

		long booting = System.nanoTime();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtriumApplication.class)
			.web(WebApplicationType.NONE)
			.run("--atrium.data-directory=target/bench-data",
					"--atrium.database.embedded-directory=target/bench-data/postgres",
					"--atrium.database.embedded-ephemeral=true", "--atrium.demo.load-on-first-start=false",
					"--atrium.clock.fixed=" + NOW, "--spring.main.banner-mode=off", "--logging.level.root=warn",
					"--logging.level.io.atrium=info", "--spring.thymeleaf.check-template-location=false")) {
			print("fresh embedded PostgreSQL and application up in %.1f s", seconds(System.nanoTime() - booting));
			JobView job = context.getBean(LoadingDemoMall.class)
				.loadNow(customers, seed, "benchmark", ConsoleProgress.onStandardError());
			if (!"succeeded".equals(job.status())) {
				print("load failed: %s", job.message());
				System.exit(1);
			}
			long customerMillis = number(job, "customer_millis");
			long touchpointMillis = number(job, "touchpoint_millis");
			long loaded = number(job, "touchpoints");
			print("customers:   %,d in %.1f s (%,.0f/s) — generate, encrypt, blind-index, COPY", customers,
					customerMillis / 1000.0, customers * 1000.0 / customerMillis);
			print("touchpoints: %,d in %.1f s (%,.0f/s) — generate, encode, COPY", loaded, touchpointMillis / 1000.0,
					loaded * 1000.0 / touchpointMillis);
			print("total load:  %.1f s", (customerMillis + touchpointMillis) / 1000.0);
		}
	}

	private static long count(Iterator<?> iterator) {
		long count = 0;
		while (iterator.hasNext()) {
			iterator.next();
			count++;
		}
		return count;
	}

	private static long number(JobView job, String key) {
		return ((Number) job.result().get(key)).longValue();
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private static void print(String format, Object... args) {
		System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
	}
}
