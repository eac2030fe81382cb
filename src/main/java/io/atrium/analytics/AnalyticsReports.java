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
import java.util.concurrent.CompletableFuture;

import io.atrium.analytics.CampaignPerformance.AttributionSettings;
import io.atrium.analytics.CampaignPerformance.CampaignFigures;
import io.atrium.analytics.CustomerInsights.Range;
import io.atrium.analytics.CustomerInsights.StoreFigures;
import io.atrium.analytics.CustomerInsights.Unavailable;
import io.atrium.automation.WorkflowStatistics;
import io.atrium.journey.CustomerJourneys;
import io.atrium.messaging.MessageStatistics;
import io.atrium.shared.CustomerId;
import io.atrium.shared.DateRange;
import io.atrium.shared.InvalidInput;
import io.atrium.tracking.TouchpointTimeline;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

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
			"retention_rate", "average_rating");

	/** Metrics that add up over days (a period's value is the sum of its days'), so a trend can be projected. */
	public static final Set<String> ADDITIVE = Set.of("new_customers", "visits", "purchases", "revenue");

	private static final Map<String, String> ALIASES = Map.of("new_members", "new_customers", "aov",
			"average_order_value", "active", "active_customers");

	static final List<Unavailable> INSIGHTS_UNAVAILABLE = List.of();

	/** How long a journey distribution is reused (it describes "now", which moves slowly). */
	static final java.time.Duration DISTRIBUTION_TTL = java.time.Duration.ofSeconds(60);

	private final com.github.benmanes.caffeine.cache.Cache<List<Object>, CustomerJourneys.Distribution> distributions = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.expireAfterWrite(DISTRIBUTION_TTL)
		.maximumSize(200)
		.build();

	static final List<Unavailable> CAMPAIGN_UNAVAILABLE = List.of(
			new Unavailable("sent",
					"messages carry no campaign id, so sends are counted per channel (messages) and per workflow, not per campaign"),
			new Unavailable("delivered",
					"providers report no delivery receipts; messages.sent counts messages handed to the provider"),
			new Unavailable("cost", "no cost is recorded per message or campaign"));

	private final CustomerInsightsQueries insights;

	private final CampaignQueries campaigns;

	private final FastInsights fast;

	private final FastInsights fastQueries;

	private final TransactionTemplate transactions;

	private final CustomerJourneys journeys;

	private final MessageStatistics messageStatistics;

	private final TouchpointTimeline timeline;

	private final WorkflowStatistics workflowStatistics;

	AnalyticsReports(CustomerInsightsQueries insights, CampaignQueries campaigns, FastInsights fast,
			TransactionTemplate transactions, CustomerJourneys journeys, MessageStatistics messageStatistics,
			WorkflowStatistics workflowStatistics, TouchpointTimeline timeline) {
		this.timeline = timeline;
		this.journeys = journeys;
		this.messageStatistics = messageStatistics;
		this.workflowStatistics = workflowStatistics;
		this.insights = insights;
		this.campaigns = campaigns;
		this.fast = fast;
		this.fastQueries = fast;
		this.transactions = new TransactionTemplate(transactions.getTransactionManager());
		this.transactions.setReadOnly(true);
	}

	/**
	 * @param range the range, never {@code null}
	 * @param filter store/channel filter, never {@code null} ({@link InsightsFilter#NONE} for none)
	 * @param granularity {@code day}, {@code week} or {@code month}; {@code null} picks day up to 31 days, week up
	 * to 26 weeks, month beyond
	 * @return the report, never {@code null}
	 * @throws InvalidInput naming {@code granularity} when it is none of the three
	 */
	public CustomerInsights customerInsights(DateRange range, InsightsFilter filter, String granularity) {
		String bucket = granularity(granularity, range);
		CompletableFuture<CustomerJourneys.Distribution> distribution = fastQueries
			.async(() -> journeyDistribution(range, filter));
		CustomerInsights insights = filter.wholeMall() ? fast.customerInsights(range, bucket)
				: transactions.execute(status -> straightforward(range, filter, bucket));
		return insights.with(FastInsights.join(distribution));
	}

	/**
	 * The journeys' distribution now and their stage flows in the range; the current part is the same for every
	 * range, so it is kept for {@link #DISTRIBUTION_TTL} (a report may show it that much out of date).
	 */
	private CustomerJourneys.Distribution journeyDistribution(DateRange range, InsightsFilter filter) {
		List<CustomerId> only = filter.members() == null ? null
				: filter.members().stream().map(CustomerId::new).toList();
		return distributions.get(List.of(range.from(), range.to(), String.valueOf(filter.segmentId())),
				key -> journeys.distribution(range.start(), range.endExclusive(), only));
	}

	/**
	 * The report computed straight from the per-customer-day rollup: serves filtered reports, and is what the
	 * whole-mall fast path ({@link FastInsights}) is compared with in tests.
	 */
	CustomerInsights straightforward(DateRange range, InsightsFilter filter, String bucket) {
		DateRange previous = range.previous();
		CustomerInsightsQueries.Counts now = insights.counts(range, filter);
		CustomerInsightsQueries.Counts before = insights.counts(previous, filter);
		long lapsedNow = insights.lapsed(previous, range, filter);
		long lapsedBefore = insights.lapsed(previous.previous(), previous, filter);
		long activeBeforePrevious = insights.counts(previous.previous(), filter).active();
		List<StoreFigures> stores = insights.stores(range, filter);
		return assemble(range, filter, bucket, now, before, lapsedNow, lapsedBefore, activeBeforePrevious, stores,
				insights.channels(range, filter), insights.series(range, filter, bucket));
	}

	static CustomerInsights assemble(DateRange range, InsightsFilter filter, String bucket,
			CustomerInsightsQueries.Counts now, CustomerInsightsQueries.Counts before, long lapsedNow,
			long lapsedBefore, long activeBeforePrevious, List<StoreFigures> stores,
			List<CustomerInsights.ChannelFigures> channels, List<CustomerInsights.SeriesPoint> series) {
		DateRange previous = range.previous();
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
		metrics.put("retention_rate", Metric.of(rate(before.active() - lapsedNow, before.active()),
				rate(activeBeforePrevious - lapsedBefore, activeBeforePrevious)));
		return new CustomerInsights(Range.of(range), Range.of(previous), filter.echo(), "CNY", metrics,
				stores.subList(0, Math.min(CustomerInsightsQueries.TOP, stores.size())),
				CustomerInsightsQueries.categories(stores), channels, bucket, series, null, null, null, null, null,
				null, INSIGHTS_UNAVAILABLE);
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
		CompletableFuture<List<MessageStatistics.ChannelCounts>> messages = fastQueries
			.async(() -> messageStatistics.byChannel(range.start(), range.endExclusive()));
		CompletableFuture<List<WorkflowStatistics.WorkflowFigures>> workflows = fastQueries
			.async(() -> workflowStatistics.figures(range.start(), range.endExclusive()));
		return campaignPerformance(range, attribution, halfLifeDays, true).with(FastInsights.join(messages),
				FastInsights.join(workflows));
	}

	/**
	 * @param fast {@code true} to read the summaries (the gap summary for customers reached, the kept credits for
	 * the default attribution), {@code false} to compute from the campaign touches and purchases (for tests)
	 */
	CampaignPerformance campaignPerformance(DateRange range, Attribution attribution, BigDecimal halfLifeDays,
			boolean fast) {
		DateRange previous = range.previous();
		CompletableFuture<Map<String, Long>> reachNow = fastQueries.async(() -> campaigns.reach(range, fast));
		CompletableFuture<Map<String, Long>> reachBefore = fastQueries.async(() -> campaigns.reach(previous, fast));
		CompletableFuture<List<CampaignFigures>> before = reachBefore
			.thenApplyAsync(reach -> campaigns.campaigns(previous, attribution, reach, fast), fastQueries.pool());
		List<CampaignFigures> now = FastInsights.join(reachNow
			.thenApplyAsync(reach -> campaigns.campaigns(range, attribution, reach, fast), fastQueries.pool()));
		List<CampaignFigures> earlier = FastInsights.join(before);
		Map<String, Long> reach = FastInsights.join(reachNow);
		Map<String, Metric> totals = new LinkedHashMap<>();
		totals.put("touches", count(sum(now, CampaignFigures::touches), sum(earlier, CampaignFigures::touches)));
		totals.put("customers_reached", count(reach.getOrDefault(ActiveSummaries.ANY_CAMPAIGN, 0L),
				FastInsights.join(reachBefore).getOrDefault(ActiveSummaries.ANY_CAMPAIGN, 0L)));
		totals.put("conversions", Metric.of(money(now, CampaignFigures::conversions),
				money(earlier, CampaignFigures::conversions)));
		totals.put("revenue_attributed", Metric.of(money(now, CampaignFigures::revenueAttributed),
				money(earlier, CampaignFigures::revenueAttributed)));
		return new CampaignPerformance(Range.of(range), Range.of(previous),
				new AttributionSettings(attribution.model().code(), (int) attribution.window().toDays(), halfLifeDays),
				"CNY", totals, now, CampaignQueries.channelTotals(now, reach), null, null, CAMPAIGN_UNAVAILABLE);
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
		if (name.equals("average_rating")) {
			TouchpointTimeline.Ratings ratings = timeline.ratings(range.start(), range.endExclusive());
			return Optional.ofNullable(ratings.reviews() == 0 ? null
					: BigDecimal.valueOf(ratings.sum()).divide(BigDecimal.valueOf(ratings.reviews()), 2, RoundingMode.HALF_UP));
		}
		FastInsights.Figures figures = fast.figures(range);
		CustomerInsightsQueries.Counts counts = figures.now();
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
				value = BigDecimal.valueOf(figures.lapsedNow());
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
				long earlier = figures.before().active();
				value = rate(earlier - figures.lapsedNow(), earlier);
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

	static Metric count(long value, long previous) {
		return Metric.of(BigDecimal.valueOf(value), BigDecimal.valueOf(previous));
	}

	static BigDecimal rate(long part, long whole) {
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
