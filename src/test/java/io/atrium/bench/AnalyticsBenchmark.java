package io.atrium.bench;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import io.atrium.AtriumApplication;
import io.atrium.analytics.AnalyticsReports;
import io.atrium.analytics.AnalyticsRollups;
import io.atrium.analytics.AttributionModel;
import io.atrium.analytics.InsightsFilter;
import io.atrium.demo.LoadingDemoMall;
import io.atrium.platform.ConsoleProgress;
import io.atrium.platform.JobView;
import io.atrium.shared.DateRange;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Analytics benchmark (not a test): loads a synthetic mall into a fresh embedded PostgreSQL, rebuilds the
 * analytics rollups from its history, then times customer insights (30 days, 1 year) and campaign performance
 * (30 days, 1 year; last touch) through {@link AnalyticsReports} — in process, without HTTP and JSON — and
 * prints p50/p95/max per scenario.
 * <p>
 * Run (see docs/PERFORMANCE.md):
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.classpath) io.atrium.bench.AnalyticsBenchmark 100000 30
 * </pre>
 * Arguments: number of customers (default 1,000,000), timed runs per scenario (default 30), seed (default
 * 20261124).
 */
public final class AnalyticsBenchmark {

	private static final String NOW = "2026-11-24T10:00:00+08:00";

	private AnalyticsBenchmark() {
	}

	public static void main(String[] args) {
		int customers = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
		long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261124L;
		Clock clock = Clock.fixed(OffsetDateTime.parse(NOW).toInstant(), ZoneId.of("Asia/Shanghai"));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtriumApplication.class)
			.web(WebApplicationType.NONE)
			.run("--atrium.data-directory=target/bench-data",
					"--atrium.database.embedded-directory=target/bench-data/postgres",
					"--atrium.database.embedded-ephemeral=true", "--atrium.demo.load-on-first-start=false",
					"--atrium.clock.fixed=" + NOW, "--spring.main.banner-mode=off", "--logging.level.root=warn",
					"--logging.level.io.atrium=info", "--spring.thymeleaf.check-template-location=false")) {
			long loading = System.nanoTime();
			JobView job = context.getBean(LoadingDemoMall.class)
				.loadNow(customers, seed, "benchmark", ConsoleProgress.onStandardError());
			if (!"succeeded".equals(job.status())) {
				print("load failed: %s", job.message());
				System.exit(1);
			}
			long touchpoints = ((Number) job.result().get("touchpoints")).longValue();
			print("loaded %,d customers and %,d touchpoints in %.1f s", customers, touchpoints,
					(System.nanoTime() - loading) / 1e9);
			long rebuilding = System.nanoTime();
			long counted = context.getBean(AnalyticsRollups.class).rebuild();
			double rebuildSeconds = (System.nanoTime() - rebuilding) / 1e9;
			print("rollups rebuilt from history: %,d touchpoints in %.1f s (%,.0f/s)", counted, rebuildSeconds,
					counted / rebuildSeconds);

			AnalyticsReports reports = context.getBean(AnalyticsReports.class);
			DateRange days30 = DateRange.preset("30d", clock);
			DateRange year = DateRange.preset("1y", clock);
			time("customer-insights 30d", runs, () -> reports.customerInsights(days30, InsightsFilter.NONE, null));
			time("customer-insights 1y", runs, () -> reports.customerInsights(year, InsightsFilter.NONE, null));
			time("campaign-performance 30d", runs,
					() -> reports.campaignPerformance(days30, AttributionModel.LAST_TOUCH, 7, BigDecimal.ONE));
			time("campaign-performance 1y", runs,
					() -> reports.campaignPerformance(year, AttributionModel.LAST_TOUCH, 7, BigDecimal.ONE));
			// the journey distribution is reused for 60 s by the reports above; this is its cost when not reused
			io.atrium.journey.CustomerJourneys journeys = context.getBean(io.atrium.journey.CustomerJourneys.class);
			print("journeys: %,d", journeys.distribution(year.start(), year.endExclusive(), null).customers());
			time("journey distribution 30d", runs, () -> journeys.distribution(days30.start(), days30.endExclusive(), null));
			time("journey distribution 1y", runs, () -> journeys.distribution(year.start(), year.endExclusive(), null));
			if (Boolean.getBoolean("bench.explain")) {
				explain(context.getBean(org.springframework.jdbc.core.JdbcTemplate.class), year);
			}
		}
	}

	/** Prints EXPLAIN ANALYZE of the heaviest statements for the 1y range (-Dbench.explain=true). */
	private static void explain(org.springframework.jdbc.core.JdbcTemplate jdbc, DateRange range) {
		java.util.Map<String, String> statements = new java.util.LinkedHashMap<>();
		DateRange previous = range.previous();
		statements.put("distinct customers of the five ranges from the gap summary (1y)", """
				explain (analyze, buffers) select r.i, sum(g.customers) filter (where g.scope = 'a'),
				  sum(g.customers) filter (where g.scope = 'p')
				from unnest(array['%1$s', '%2$s', '%3$s', '%2$s', '%3$s']::date[],
				            array['%4$s', '%5$s', '%6$s', '%4$s', '%5$s']::date[]) with ordinality as r(f, t, i)
				left join analytics_active_gap g on g.scope in ('a', 'p') and g.day between r.f and r.t and g.previous_day < r.f
				group by r.i""".formatted(range.from(), previous.from(), previous.previous().from(), range.to(),
				previous.to(), previous.previous().to()));
		statements.put("kept credits summed per day (1y)", """
				explain (analyze, buffers) select campaign_id, channel, sum(conversions), sum(revenue)
				from analytics_credit_day where day between '%s' and '%s' group by 1, 2"""
			.formatted(range.from(), range.to()));
		statements.put("stores from the store-day summary (1y)", """
				explain (analyze, buffers) select store_id, sum(touches), sum(visits), sum(purchases), sum(revenue)
				from analytics_store_day where day between '%s' and '%s' group by store_id"""
			.formatted(range.from(), range.to()));
		statements.put("table sizes", """
				select relname || ' ' || n_live_tup from pg_stat_user_tables where relname like 'analytics%' order by 1""");
		statements.forEach((name, sql) -> {
			print("%s", name);
			jdbc.query(sql, (org.springframework.jdbc.core.RowCallbackHandler) rs -> print("  %s", rs.getString(1)));
		});
	}

	private static void time(String name, int runs, Supplier<?> call) {
		call.get();
		long[] millis = new long[runs];
		for (int i = 0; i < runs; i++) {
			long started = System.nanoTime();
			call.get();
			millis[i] = (System.nanoTime() - started) / 1_000_000;
		}
		Arrays.sort(millis);
		print("%-26s runs %d  p50 %,d ms  p95 %,d ms  max %,d ms", name, runs, millis[runs / 2],
				millis[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)], millis[runs - 1]);
	}

	private static void print(String format, Object... args) {
		System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
	}
}
