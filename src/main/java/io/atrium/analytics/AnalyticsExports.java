package io.atrium.analytics;

import java.math.BigDecimal;
import java.util.List;

import io.atrium.shared.DateRange;
import io.atrium.shared.InvalidInput;

import org.springframework.stereotype.Service;

/**
 * The analytics CSV exports for other modules (the dashboard): the same tables, columns and formula
 * neutralisation as {@code GET /api/analytics/...?format=csv&table=...}.
 */
@Service
public class AnalyticsExports {

	/** Tables of the customer insights export. */
	public static final List<String> INSIGHTS_TABLES = List.of("metrics", "top_stores", "top_categories",
			"channel_mix", "series");

	/** Tables of the campaign performance export. */
	public static final List<String> CAMPAIGN_TABLES = List.of("campaigns", "channels");

	private final AnalyticsReports reports;

	AnalyticsExports(AnalyticsReports reports) {
		this.reports = reports;
	}

	/**
	 * @param range the range, never {@code null}
	 * @param table one of {@link #INSIGHTS_TABLES}
	 * @return the CSV text
	 * @throws InvalidInput naming {@code table} when it is not one of them
	 */
	public String customerInsightsCsv(DateRange range, String table) {
		String chosen = chosen(table, INSIGHTS_TABLES);
		return AnalyticsController.insightsTable(reports.customerInsights(range, InsightsFilter.NONE, null), chosen)
			.write();
	}

	/**
	 * Campaign performance with the API's default attribution (last touch, 7-day window).
	 * @param range the range, never {@code null}
	 * @param table one of {@link #CAMPAIGN_TABLES}
	 * @return the CSV text
	 * @throws InvalidInput naming {@code table} when it is not one of them
	 */
	public String campaignPerformanceCsv(DateRange range, String table) {
		String chosen = chosen(table, CAMPAIGN_TABLES);
		return AnalyticsController
			.campaignTable(reports.campaignPerformance(range, AttributionModel.of(null), 7, BigDecimal.ONE), chosen)
			.write();
	}

	private static String chosen(String table, List<String> tables) {
		if (table == null || !tables.contains(table)) {
			throw InvalidInput.of("table", "must be one of " + tables);
		}
		return table;
	}
}
