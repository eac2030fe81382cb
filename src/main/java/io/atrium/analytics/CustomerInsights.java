package io.atrium.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The customer-insights report for a range, with every metric compared against the previous range.
 *
 * @param range the resolved range
 * @param previousRange the equal-length range before it
 * @param filters the filters applied ({@code store}, {@code channel}), absent keys meaning none
 * @param currency the currency of money figures ({@code CNY})
 * @param metrics by name: active_customers, new_customers, returning_customers, lapsed_customers, visits,
 * purchases, revenue, average_order_value, purchase_frequency, retention_rate
 * @param topStores the stores with the most revenue (then touches), at most 10
 * @param topCategories store categories by revenue
 * @param channelMix touches and revenue per channel
 * @param granularity the time series' bucket: day, week or month
 * @param series one point per bucket of the range
 * @param journeys customers with a journey now (in the segment, if filtered)
 * @param stageDistribution customers per current lifecycle stage (now, not over the range)
 * @param stageFlows stage changes within the range: from, to, customers, transitions
 * @param healthDistribution customers per health bucket (now)
 * @param churnRiskDistribution customers per churn-risk tenth (now)
 * @param churnLevelDistribution customers per stored churn level (now)
 * @param unavailable fields of the contract this installation cannot fill yet, with why
 */
public record CustomerInsights(Range range, Range previousRange, Map<String, String> filters, String currency,
		Map<String, Metric> metrics, List<StoreFigures> topStores, List<CategoryFigures> topCategories,
		List<ChannelFigures> channelMix, String granularity, List<SeriesPoint> series, Long journeys,
		Map<String, Long> stageDistribution, List<io.atrium.journey.CustomerJourneys.Flow> stageFlows,
		Map<String, Long> healthDistribution, Map<String, Long> churnRiskDistribution,
		Map<String, Long> churnLevelDistribution, List<Unavailable> unavailable) {

	/**
	 * @param distribution the journeys' distribution for this report
	 * @return this report with the journey figures filled in
	 */
	CustomerInsights with(io.atrium.journey.CustomerJourneys.Distribution distribution) {
		return new CustomerInsights(range, previousRange, filters, currency, metrics, topStores, topCategories,
				channelMix, granularity, series, distribution.customers(), distribution.stages(), distribution.flows(),
				distribution.health(), distribution.churnRisk(), distribution.churnLevels(), List.of());
	}

	/**
	 * A resolved date range as echoed in responses.
	 * @param from first day, inclusive
	 * @param to last day, inclusive
	 * @param days number of days
	 * @param zone the zone the days are counted in
	 */
	public record Range(LocalDate from, LocalDate to, long days, String zone) {

		static Range of(io.atrium.shared.DateRange range) {
			return new Range(range.from(), range.to(), range.days(), range.zone().getId());
		}
	}

	/**
	 * @param storeId the store
	 * @param name its name, or {@code null} when the store is not in the directory
	 * @param category its category, or {@code null} likewise
	 * @param touches touchpoints in the store
	 * @param visits store visits
	 * @param purchases purchases
	 * @param revenue purchase amounts
	 */
	public record StoreFigures(String storeId, String name, String category, long touches, long visits,
			long purchases, BigDecimal revenue) {
	}

	/**
	 * @param category a store category
	 * @param touches touchpoints in its stores
	 * @param purchases purchases
	 * @param revenue purchase amounts
	 */
	public record CategoryFigures(String category, long touches, long purchases, BigDecimal revenue) {
	}

	/**
	 * @param channel e.g. {@code store}
	 * @param touches touchpoints
	 * @param sharePct share of all touches, in percent (one decimal)
	 * @param revenue purchase amounts
	 */
	public record ChannelFigures(String channel, long touches, BigDecimal sharePct, BigDecimal revenue) {
	}

	/**
	 * @param from first day of the bucket (clipped to the range)
	 * @param activeCustomers distinct customers active in the bucket
	 * @param visits store visits
	 * @param purchases purchases
	 * @param revenue purchase amounts
	 */
	public record SeriesPoint(LocalDate from, long activeCustomers, long visits, long purchases,
			BigDecimal revenue) {
	}

	/**
	 * @param field a response field this installation leaves out
	 * @param reason why, e.g. the module that provides it is not installed
	 */
	public record Unavailable(String field, String reason) {
	}
}
