package io.atrium.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.atrium.analytics.ActiveSummaries.DayTotal;
import io.atrium.analytics.ActiveSummaries.Distinct;
import io.atrium.analytics.CustomerInsights.ChannelFigures;
import io.atrium.analytics.CustomerInsights.SeriesPoint;
import io.atrium.analytics.CustomerInsights.StoreFigures;
import io.atrium.shared.DateRange;
import io.atrium.tracking.MallDirectory;
import io.atrium.tracking.Store;
import jakarta.annotation.PreDestroy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whole-mall customer insights from the small summaries ({@link ActiveSummaries}): one statement for the distinct
 * customers of all five ranges a report needs, one for the day totals, one each for stores, channels and the
 * series' buckets — run in parallel. Gives exactly the figures of
 * {@link AnalyticsReports#straightforward}, which reads the per-customer-day rollup.
 */
@Component
class FastInsights {

	private final ActiveSummaries summaries;

	private final JdbcTemplate jdbc;

	private final MallDirectory directory;

	private final ExecutorService pool = Executors.newFixedThreadPool(4, runnable -> {
		Thread thread = new Thread(runnable, "analytics-query");
		thread.setDaemon(true);
		return thread;
	});

	FastInsights(ActiveSummaries summaries, MallDirectory directory) {
		this.summaries = summaries;
		this.jdbc = summaries.jdbc();
		this.directory = directory;
	}

	@PreDestroy
	void stop() {
		pool.shutdownNow();
	}

	/** The counts a report compares. */
	record Figures(CustomerInsightsQueries.Counts now, CustomerInsightsQueries.Counts before, long lapsedNow,
			long lapsedBefore, long activeBeforePrevious) {
	}

	Figures figures(DateRange range) {
		return figures(range, distinct(range), totals(range));
	}

	CustomerInsights customerInsights(DateRange range, String bucket) {
		CompletableFuture<List<Distinct>> distinct = async(() -> distinct(range));
		CompletableFuture<Map<LocalDate, DayTotal>> totals = async(() -> totals(range));
		CompletableFuture<List<StoreFigures>> stores = async(() -> stores(range));
		CompletableFuture<List<ChannelFigures>> channels = async(() -> channels(range));
		CompletableFuture<Map<LocalDate, Long>> activeByBucket = async(() -> activeByBucket(range, bucket));
		try {
			Figures figures = figures(range, distinct.join(), totals.join());
			return AnalyticsReports.assemble(range, InsightsFilter.NONE, bucket, figures.now(), figures.before(),
					figures.lapsedNow(), figures.lapsedBefore(), figures.activeBeforePrevious(), stores.join(),
					channels.join(), series(range, bucket, activeByBucket.join(), totals.join()));
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

	<T> CompletableFuture<T> async(Supplier<T> query) {
		return CompletableFuture.supplyAsync(query, pool);
	}

	ExecutorService pool() {
		return pool;
	}

	/** Joins, rethrowing a query's own runtime exception (e.g. {@code InvalidInput}) unwrapped. */
	static <T> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

	/** range, previous, the one before, previous + range, the one before + previous. */
	private List<Distinct> distinct(DateRange range) {
		DateRange previous = range.previous();
		DateRange beforePrevious = previous.previous();
		return summaries.distinct(List.of(range, previous, beforePrevious, DateRange.of(previous.from(), range.to()),
				DateRange.of(beforePrevious.from(), previous.to())));
	}

	private Map<LocalDate, DayTotal> totals(DateRange range) {
		return summaries.dayTotals(range.previous().previous().from(), range.to());
	}

	private static Figures figures(DateRange range, List<Distinct> distinct, Map<LocalDate, DayTotal> totals) {
		DateRange previous = range.previous();
		CustomerInsightsQueries.Counts now = counts(distinct.get(0), ActiveSummaries.sum(totals, range.from(), range.to()));
		CustomerInsightsQueries.Counts before = counts(distinct.get(1),
				ActiveSummaries.sum(totals, previous.from(), previous.to()));
		// lapsed = active in the earlier range and not in the later one = active in both together - active in the later
		long lapsedNow = distinct.get(3).active() - now.active();
		long lapsedBefore = distinct.get(4).active() - before.active();
		return new Figures(now, before, lapsedNow, lapsedBefore, distinct.get(2).active());
	}

	private static CustomerInsightsQueries.Counts counts(Distinct distinct, DayTotal total) {
		return new CustomerInsightsQueries.Counts(distinct.active(), distinct.first(), distinct.purchasers(),
				total.visits(), total.purchases(), total.revenue());
	}

	private List<StoreFigures> stores(DateRange range) {
		Map<String, Store> stores = directory.stores().stream().collect(Collectors.toMap(Store::id, Function.identity()));
		return jdbc.query("""
				select store_id, sum(touches) as touches, sum(visits) as visits, sum(purchases) as purchases,
				       sum(revenue) as revenue
				from analytics_store_day where day between ? and ?
				group by store_id order by revenue desc, touches desc, store_id""", (rs, n) -> {
			Store store = stores.get(rs.getString("store_id"));
			return new StoreFigures(rs.getString("store_id"), store == null ? null : store.name(),
					store == null ? null : store.category(), rs.getLong("touches"), rs.getLong("visits"),
					rs.getLong("purchases"), rs.getBigDecimal("revenue").setScale(2, RoundingMode.HALF_UP));
		}, range.from(), range.to());
	}

	private List<ChannelFigures> channels(DateRange range) {
		List<Object[]> rows = jdbc.query("""
				select channel, sum(touches) as touches, sum(revenue) as revenue from analytics_channel_day
				where day between ? and ? group by channel order by touches desc, channel""",
				(rs, n) -> new Object[] { rs.getString(1), rs.getLong(2), rs.getBigDecimal(3) }, range.from(),
				range.to());
		long total = rows.stream().mapToLong(row -> (Long) row[1]).sum();
		return rows.stream()
			.map(row -> new ChannelFigures((String) row[0], (Long) row[1],
					total == 0 ? BigDecimal.ZERO
							: BigDecimal.valueOf((Long) row[1] * 100.0 / total).setScale(1, RoundingMode.HALF_UP),
					((BigDecimal) row[2]).setScale(2, RoundingMode.HALF_UP)))
			.toList();
	}

	private Map<LocalDate, Long> activeByBucket(DateRange range, String bucket) {
		List<LocalDate> starts = new ArrayList<>();
		List<LocalDate> ends = new ArrayList<>();
		for (LocalDate start = range.from(); !start.isAfter(range.to()); start = next(start, bucket)) {
			starts.add(start);
			LocalDate end = next(start, bucket).minusDays(1);
			ends.add(end.isAfter(range.to()) ? range.to() : end);
		}
		return summaries.activeByBucket(starts, ends);
	}

	private static List<SeriesPoint> series(DateRange range, String bucket, Map<LocalDate, Long> active,
			Map<LocalDate, DayTotal> totals) {
		List<SeriesPoint> series = new ArrayList<>();
		for (LocalDate start = range.from(); !start.isAfter(range.to()); start = next(start, bucket)) {
			LocalDate end = next(start, bucket).minusDays(1);
			DayTotal total = ActiveSummaries.sum(totals, start, end.isAfter(range.to()) ? range.to() : end);
			series.add(new SeriesPoint(start, active.getOrDefault(start, 0L), total.visits(), total.purchases(),
					total.revenue()));
		}
		return series;
	}

	static LocalDate next(LocalDate start, String granularity) {
		switch (granularity) {
			case "week":
				return start.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
			case "month":
				return start.withDayOfMonth(1).plusMonths(1);
			default:
				return start.plusDays(1);
		}
	}
}
