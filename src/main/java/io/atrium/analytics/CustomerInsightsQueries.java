package io.atrium.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atrium.analytics.CustomerInsights.CategoryFigures;
import io.atrium.analytics.CustomerInsights.ChannelFigures;
import io.atrium.analytics.CustomerInsights.SeriesPoint;
import io.atrium.analytics.CustomerInsights.StoreFigures;
import io.atrium.shared.DateRange;
import io.atrium.tracking.MallDirectory;
import io.atrium.tracking.Store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The SQL behind customer insights, all of it over the rollup tables. */
@Component
class CustomerInsightsQueries {

	static final int TOP = 10;

	private final JdbcTemplate jdbc;

	private final MallDirectory directory;

	CustomerInsightsQueries(JdbcTemplate jdbc, MallDirectory directory) {
		this.jdbc = jdbc;
		this.directory = directory;
	}

	/** Counts for one range. */
	record Counts(long active, long newCustomers, long purchasers, long visits, long purchases, BigDecimal revenue) {

		long returning() {
			return active - newCustomers;
		}

		BigDecimal averageOrderValue() {
			return purchases == 0 ? null : revenue.divide(BigDecimal.valueOf(purchases), 2, RoundingMode.HALF_UP);
		}

		BigDecimal purchaseFrequency() {
			return purchasers == 0 ? null
					: BigDecimal.valueOf(purchases).divide(BigDecimal.valueOf(purchasers), 2, RoundingMode.HALF_UP);
		}
	}

	Counts counts(DateRange range, InsightsFilter filter) {
		List<Object> params = InsightsFilter.params(range.from(), range.from(), range.to());
		String where = filter.where("c", params);
		return jdbc.queryForObject("""
				select count(*) as active, count(*) filter (where f.first_day >= ?) as new_customers,
				       count(*) filter (where a.purchases > 0) as purchasers,
				       coalesce(sum(a.visits), 0) as visits, coalesce(sum(a.purchases), 0) as purchases,
				       coalesce(sum(a.revenue), 0) as revenue
				from (select c.customer_id, sum(c.visits) as visits, sum(c.purchases) as purchases,
				             sum(c.revenue) as revenue
				      from analytics_customer_day c where c.day between ? and ?""" + where + " " + """
				      group by c.customer_id) a
				join analytics_first_seen f on f.customer_id = a.customer_id""", (rs, n) -> new Counts(rs.getLong("active"),
				rs.getLong("new_customers"), rs.getLong("purchasers"), rs.getLong("visits"), rs.getLong("purchases"),
				rs.getBigDecimal("revenue").setScale(2, RoundingMode.HALF_UP)), params.toArray());
	}

	/** Customers active in {@code earlier} and not in {@code later} ({@code earlier} ends before {@code later}). */
	long lapsed(DateRange earlier, DateRange later, InsightsFilter filter) {
		List<Object> params = InsightsFilter.params(earlier.to(), later.from(), earlier.from(), later.to());
		String where = filter.where("c", params);
		return jdbc.queryForObject("""
				select count(*) filter (where in_earlier and not in_later) from (
				    select bool_or(c.day <= ?) as in_earlier, bool_or(c.day >= ?) as in_later
				    from analytics_customer_day c where c.day between ? and ?""" + where + " " + """
				    group by c.customer_id) a""", Long.class, params.toArray());
	}

	/** Customers active in both ranges. */
	long retained(DateRange earlier, DateRange later, InsightsFilter filter) {
		long activeEarlier = counts(earlier, filter).active();
		return activeEarlier - lapsed(earlier, later, filter);
	}

	List<StoreFigures> stores(DateRange range, InsightsFilter filter) {
		List<Object> params = InsightsFilter.params(range.from(), range.to());
		String where = filter.where("d", params);
		Map<String, Store> stores = directory.stores().stream().collect(Collectors.toMap(Store::id, Function.identity()));
		String sql = filter.bySegment() ? """
				select d.store_id, sum(d.touches) as touches, sum(d.visits) as visits, sum(d.purchases) as purchases,
				       sum(d.revenue) as revenue
				from analytics_customer_day d where d.day between ? and ? and d.store_id <> ''""" : """
				select d.store_id, sum(d.touches) as touches,
				       coalesce(sum(d.touches) filter (where d.touchpoint_type = 'store_visit'), 0) as visits,
				       coalesce(sum(d.touches) filter (where d.touchpoint_type = 'purchase'), 0) as purchases,
				       sum(d.revenue) as revenue
				from analytics_daily d where d.day between ? and ? and d.store_id <> ''""";
		return jdbc.query(sql + where + " group by d.store_id order by revenue desc, touches desc, d.store_id", (rs, n) -> {
			Store store = stores.get(rs.getString("store_id"));
			return new StoreFigures(rs.getString("store_id"), store == null ? null : store.name(),
					store == null ? null : store.category(), rs.getLong("touches"), rs.getLong("visits"),
					rs.getLong("purchases"), rs.getBigDecimal("revenue").setScale(2, RoundingMode.HALF_UP));
		}, params.toArray());
	}

	static List<CategoryFigures> categories(List<StoreFigures> stores) {
		Map<String, long[]> counts = new LinkedHashMap<>();
		Map<String, BigDecimal> revenue = new LinkedHashMap<>();
		for (StoreFigures store : stores) {
			String category = store.category() == null ? "unknown" : store.category();
			long[] c = counts.computeIfAbsent(category, k -> new long[2]);
			c[0] += store.touches();
			c[1] += store.purchases();
			revenue.merge(category, store.revenue(), BigDecimal::add);
		}
		List<CategoryFigures> categories = new ArrayList<>();
		counts.forEach((category, c) -> categories.add(new CategoryFigures(category, c[0], c[1], revenue.get(category))));
		categories.sort(Comparator.comparing(CategoryFigures::revenue)
			.thenComparingLong(CategoryFigures::touches)
			.reversed()
			.thenComparing(CategoryFigures::category));
		return categories;
	}

	List<ChannelFigures> channels(DateRange range, InsightsFilter filter) {
		List<Object> params = InsightsFilter.params(range.from(), range.to());
		String where = filter.where("d", params);
		List<Object[]> rows = jdbc.query("""
				select d.channel, sum(d.touches) as touches, sum(d.revenue) as revenue
				from %s d where d.day between ? and ?""".formatted(
				filter.bySegment() ? "analytics_customer_day" : "analytics_daily") + where
				+ " group by d.channel order by touches desc, d.channel",
				(rs, n) -> new Object[] { rs.getString(1), rs.getLong(2), rs.getBigDecimal(3) }, params.toArray());
		long total = rows.stream().mapToLong(row -> (Long) row[1]).sum();
		return rows.stream()
			.map(row -> new ChannelFigures((String) row[0], (Long) row[1],
					total == 0 ? BigDecimal.ZERO
							: BigDecimal.valueOf((Long) row[1] * 100.0 / total).setScale(1, RoundingMode.HALF_UP),
					((BigDecimal) row[2]).setScale(2, RoundingMode.HALF_UP)))
			.toList();
	}

	List<SeriesPoint> series(DateRange range, InsightsFilter filter, String granularity) {
		List<Object> params = InsightsFilter.params(range.from(), range.to());
		String where = filter.where("c", params);
		List<SeriesPoint> points = jdbc.query("""
				select bucket, count(*) as active, sum(visits) as visits, sum(purchases) as purchases,
				       sum(revenue) as revenue
				from (select greatest(date_trunc('%s', c.day)::date, ?::date) as bucket, c.customer_id,
				             sum(c.visits) as visits, sum(c.purchases) as purchases, sum(c.revenue) as revenue
				      from analytics_customer_day c where c.day between ? and ?%s
				      group by 1, 2) a
				group by 1 order by 1""".formatted(granularity, where),
				(rs, n) -> new SeriesPoint(rs.getObject("bucket", LocalDate.class), rs.getLong("active"),
						rs.getLong("visits"), rs.getLong("purchases"),
						rs.getBigDecimal("revenue").setScale(2, RoundingMode.HALF_UP)),
				prepend(range.from(), params).toArray());
		Map<LocalDate, SeriesPoint> byStart = points.stream()
			.collect(Collectors.toMap(SeriesPoint::from, Function.identity()));
		List<SeriesPoint> series = new ArrayList<>();
		for (LocalDate start = range.from(); !start.isAfter(range.to()); start = next(start, granularity)) {
			series.add(byStart.getOrDefault(start, new SeriesPoint(start, 0, 0, 0, BigDecimal.ZERO.setScale(2))));
		}
		return series;
	}

	private static LocalDate next(LocalDate start, String granularity) {
		switch (granularity) {
			case "week":
				return start.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
			case "month":
				return start.withDayOfMonth(1).plusMonths(1);
			default:
				return start.plusDays(1);
		}
	}

	Map<LocalDate, BigDecimal> daily(String metric, DateRange range) {
		String sql;
		switch (metric) {
			case "new_customers":
				sql = "select first_day, count(*) from analytics_first_seen where first_day between ? and ? group by 1";
				break;
			case "visits":
				sql = "select day, sum(touches) from analytics_daily where day between ? and ? and touchpoint_type = 'store_visit' group by 1";
				break;
			case "purchases":
				sql = "select day, sum(touches) from analytics_daily where day between ? and ? and touchpoint_type = 'purchase' group by 1";
				break;
			case "revenue":
				sql = "select day, sum(revenue) from analytics_daily where day between ? and ? group by 1";
				break;
			default:
				throw new IllegalArgumentException("not additive: " + metric);
		}
		Map<LocalDate, BigDecimal> values = new LinkedHashMap<>();
		jdbc.query(sql, (org.springframework.jdbc.core.RowCallbackHandler) rs -> values
			.put(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2)), range.from(), range.to());
		return values;
	}

	private static List<Object> prepend(Object first, List<Object> rest) {
		List<Object> all = new ArrayList<>();
		all.add(first);
		all.addAll(rest);
		return all;
	}
}
