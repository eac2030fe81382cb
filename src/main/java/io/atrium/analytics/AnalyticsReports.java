package io.atrium.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.atrium.analytics.CampaignPerformance.AttributionSettings;
import io.atrium.analytics.CampaignPerformance.CampaignFigures;
import io.atrium.analytics.CustomerInsights.Range;
import io.atrium.analytics.CustomerInsights.StoreFigures;
import io.atrium.analytics.CustomerInsights.Unavailable;
import io.atrium.shared.DateRange;
import io.atrium.shared.InvalidInput;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The analytics read API: customer insights, campaign performance and single metrics by name over any
 * {@link DateRange}, every figure compared with the previous range. Used by the analytics endpoints, goals and
 * the assistant. Reads the rollups only, never raw touchpoints.
 */
@Service
public class AnalyticsReports {

	/** Metrics {@link #value} knows, by name. */
	public static final Set<String> METRICS = Set.of("active_customers", "new_customers", "returning_customers",
			"lapsed_customers", "visits", "purchases", "revenue", "average_order_value", "purchase_frequency",
			"retention_rate");

	/** Metrics that add up over days (a period's value is the sum of its days'), so a trend can be projected. */
	public static final Set<String> ADDITIVE = Set.of("new_customers", "visits", "purchases", "revenue");

	private static final Map<String, String> ALIASES = Map.of("new_members", "new_customers", "aov",
			"average_order_value", "active", "active_customers");

	static final List<Unavailable> INSIGHTS_UNAVAILABLE = List.of(
			new Unavailable("stage_distribution", "the journey module is not installed"),
			new Unavailable("stage_flows", "the journey module is not installed"),
			new Unavailable("health_distribution", "the journey module is not installed"),
			new Unavailable("churn_risk_distribution", "the journey module is not installed"));

	static final List<Unavailable> CAMPAIGN_UNAVAILABLE = List.of(
			new Unavailable("sent", "messaging (issue #6) is not installed; null until it is"),
			new Unavailable("delivered", "messaging (issue #6) is not installed; null until it is"),
			new Unavailable("cost", "messaging (issue #6) is not installed; null until it is"),
			new Unavailable("workflows", "automation (issue #6) is not installed"));

	private final CustomerInsightsQueries insights;

	private final CampaignQueries campaigns;

	AnalyticsReports(CustomerInsightsQueries insights, CampaignQueries campaigns) {
		this.insights = insights;
		this.campaigns = campaigns;
	}

	/**
	 * @param range the range, never {@code null}
	 * @param filter store/channel filter, never {@code null} ({@link InsightsFilter#NONE} for none)
	 * @param granularity {@code day}, {@code week} or {@code month}; {@code null} picks day up to 31 days, week up
	 * to 26 weeks, month beyond
	 * @return the report, never {@code null}
	 * @throws InvalidInput naming {@code granularity} when it is none of the three
	 */
	@Transactional(readOnly = true)
	public CustomerInsights customerInsights(DateRange range, InsightsFilter filter, String granularity) {
		String bucket = granularity(granularity, range);
		DateRange previous = range.previous();
		CustomerInsightsQueries.Counts now = insights.counts(range, filter);
		CustomerInsightsQueries.Counts before = insights.counts(previous, filter);
		long lapsedNow = insights.lapsed(previous, range, filter);
		long lapsedBefore = insights.lapsed(previous.previous(), previous, filter);
		Map<String, Metric> metrics = new LinkedHashMap<>();
		metrics.put("active_customers", count(now.active(), before.active()));
		metrics.put("new_customers", count(now.newCustomers(), before.newCustomers()));
		metrics.put("returning_customers", count(now.returning(), before.returning()));
		metrics.put("lapsed_customers", count(lapsedNow, lapsedBefore));
		metrics.put("visits", count(now.visits(), before.visits()));
		metrics.put("purchases", count(now.purchases(), before.purchases()));
		metrics.put("revenue", Metric.of(now.revenue(), before.revenue()));
		metrics.put("average_order_value", Metric.of(now.averageOrderValue(), before.averageOrderValue()));
		metrics.put("purchase_frequency", Metric.of(now.purchaseFrequency(), before.purchaseFrequency()));
		long activeBeforePrevious = insights.counts(previous.previous(), filter).active();
		metrics.put("retention_rate", Metric.of(rate(before.active() - lapsedNow, before.active()),
				rate(activeBeforePrevious - lapsedBefore, activeBeforePrevious)));
		List<StoreFigures> stores = insights.stores(range, filter);
		return new CustomerInsights(Range.of(range), Range.of(previous), filter.echo(), "CNY", metrics,
				stores.subList(0, Math.min(CustomerInsightsQueries.TOP, stores.size())),
				CustomerInsightsQueries.categories(stores), insights.channels(range, filter), bucket,
				insights.series(range, filter, bucket), INSIGHTS_UNAVAILABLE);
	}

	/**
	 * Every store's figures for a range, most revenue first (customer insights keeps only the top 10).
	 * @param range the range, never {@code null}
	 * @param filter store/channel filter, never {@code null}
	 * @return one entry per store with touchpoints in the range, never {@code null}
	 */
	@Transactional(readOnly = true)
	public List<StoreFigures> stores(DateRange range, InsightsFilter filter) {
		return insights.stores(range, filter);
	}

	/**
	 * @param range the range, never {@code null}
	 * @param model the attribution model, never {@code null}
	 * @param windowDays 1–90 days before a purchase in which touches count
	 * @param halfLifeDays time-decay half-life, more than 0 and at most 90 days
	 * @return the report, never {@code null}
	 * @throws InvalidInput naming {@code window_days} or {@code half_life_days} when out of bounds
	 */
	@Transactional(readOnly = true)
	public CampaignPerformance campaignPerformance(DateRange range, AttributionModel model, int windowDays,
			BigDecimal halfLifeDays) {
		if (windowDays < 1 || windowDays > 90) {
			throw InvalidInput.of("window_days", "must be between 1 and 90");
		}
		if (halfLifeDays.signum() <= 0 || halfLifeDays.compareTo(BigDecimal.valueOf(90)) > 0) {
			throw InvalidInput.of("half_life_days", "must be more than 0 and at most 90");
		}
		Attribution attribution = new Attribution(model, Duration.ofDays(windowDays),
				Duration.ofMillis(halfLifeDays.multiply(BigDecimal.valueOf(86_400_000L)).longValue()));
		DateRange previous = range.previous();
		List<CampaignFigures> now = campaigns.campaigns(range, attribution);
		List<CampaignFigures> before = campaigns.campaigns(previous, attribution);
		Map<String, Metric> totals = new LinkedHashMap<>();
		totals.put("touches", count(sum(now, CampaignFigures::touches), sum(before, CampaignFigures::touches)));
		totals.put("customers_reached", count(campaigns.customersReached(range), campaigns.customersReached(previous)));
		totals.put("conversions", Metric.of(money(now, CampaignFigures::conversions),
				money(before, CampaignFigures::conversions)));
		totals.put("revenue_attributed", Metric.of(money(now, CampaignFigures::revenueAttributed),
				money(before, CampaignFigures::revenueAttributed)));
		return new CampaignPerformance(Range.of(range), Range.of(previous),
				new AttributionSettings(model.code(), windowDays, halfLifeDays), "CNY", totals, now,
				CampaignQueries.channelTotals(now, range, campaigns.jdbc()), CAMPAIGN_UNAVAILABLE);
	}

	/**
	 * One metric over a range for the whole mall.
	 * @param metric a name from {@link #METRICS} or an alias ({@code new_members}, {@code aov})
	 * @param range never {@code null}
	 * @return the value, or empty when it cannot be computed (e.g. an average with no purchases)
	 * @throws InvalidInput naming {@code metric} when the name is unknown
	 */
	@Transactional(readOnly = true)
	public Optional<BigDecimal> value(String metric, DateRange range) {
		String name = canonical(metric);
		CustomerInsightsQueries.Counts counts = insights.counts(range, InsightsFilter.NONE);
		BigDecimal value;
		switch (name) {
			case "active_customers":
				value = BigDecimal.valueOf(counts.active());
				break;
			case "new_customers":
				value = BigDecimal.valueOf(counts.newCustomers());
				break;
			case "returning_customers":
				value = BigDecimal.valueOf(counts.returning());
				break;
			case "lapsed_customers":
				value = BigDecimal.valueOf(insights.lapsed(range.previous(), range, InsightsFilter.NONE));
				break;
			case "visits":
				value = BigDecimal.valueOf(counts.visits());
				break;
			case "purchases":
				value = BigDecimal.valueOf(counts.purchases());
				break;
			case "revenue":
				value = counts.revenue();
				break;
			case "average_order_value":
				value = counts.averageOrderValue();
				break;
			case "purchase_frequency":
				value = counts.purchaseFrequency();
				break;
			case "retention_rate":
				long earlier = insights.counts(range.previous(), InsightsFilter.NONE).active();
				value = rate(earlier - insights.lapsed(range.previous(), range, InsightsFilter.NONE), earlier);
				break;
			default:
				throw new IllegalStateException("unhandled metric " + name);
		}
		return Optional.ofNullable(value);
	}

	/**
	 * The daily values of an additive metric ({@link #ADDITIVE}) for the whole mall, one per day of the range.
	 * @param metric a name or alias from {@link #ADDITIVE}
	 * @param range never {@code null}
	 * @return {@code range.days()} values, zero for quiet days, never {@code null}
	 * @throws InvalidInput naming {@code metric} when the metric is unknown or not additive
	 */
	@Transactional(readOnly = true)
	public List<BigDecimal> daily(String metric, DateRange range) {
		String name = canonical(metric);
		if (!ADDITIVE.contains(name)) {
			throw InvalidInput.of("metric", "'" + metric + "' does not add up over days");
		}
		Map<java.time.LocalDate, BigDecimal> values = insights.daily(name, range);
		List<BigDecimal> days = new ArrayList<>();
		for (java.time.LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
			days.add(values.getOrDefault(day, BigDecimal.ZERO));
		}
		return days;
	}

	/**
	 * @param metric a name or alias
	 * @return the canonical metric name
	 * @throws InvalidInput naming {@code metric} when the name is unknown
	 */
	public static String canonical(String metric) {
		String name = metric == null ? "" : metric.strip().toLowerCase(Locale.ROOT);
		name = ALIASES.getOrDefault(name, name);
		if (!METRICS.contains(name)) {
			throw InvalidInput.of("metric", "unknown metric '" + metric + "'; known: " + new java.util.TreeSet<>(METRICS));
		}
		return name;
	}

	static String granularity(String granularity, DateRange range) {
		if (granularity == null || granularity.isBlank()) {
			return range.days() <= 31 ? "day" : range.days() <= 182 ? "week" : "month";
		}
		String value = granularity.strip().toLowerCase(Locale.ROOT);
		if (!List.of("day", "week", "month").contains(value)) {
			throw InvalidInput.of("granularity", "must be day, week or month");
		}
		return value;
	}

	private static Metric count(long value, long previous) {
		return Metric.of(BigDecimal.valueOf(value), BigDecimal.valueOf(previous));
	}

	private static BigDecimal rate(long part, long whole) {
		return whole == 0 ? null
				: BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
	}

	private static long sum(List<CampaignFigures> figures, java.util.function.ToLongFunction<CampaignFigures> field) {
		return figures.stream().mapToLong(field).sum();
	}

	private static BigDecimal money(List<CampaignFigures> figures,
			java.util.function.Function<CampaignFigures, BigDecimal> field) {
		return figures.stream().map(field).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
	}

}
