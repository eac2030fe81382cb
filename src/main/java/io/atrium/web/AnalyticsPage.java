package io.atrium.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.analytics.AnalyticsExports;
import io.atrium.analytics.AnalyticsReports;
import io.atrium.analytics.AttributionModel;
import io.atrium.analytics.CampaignPerformance;
import io.atrium.analytics.CustomerInsights;
import io.atrium.analytics.InsightsFilter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/**
 * Analytics: customer insights (every metric against the previous period, revenue and visits over time, stores,
 * categories, channel mix) and campaign performance (last-touch attribution, 7-day window), with the overview's
 * date control and CSV downloads of each table streamed by the page itself.
 */
@Controller
class AnalyticsPage {

	static final List<String> METRICS = List.of("active_customers", "new_customers", "returning_customers",
			"lapsed_customers", "visits", "purchases", "revenue", "average_order_value", "purchase_frequency",
			"retention_rate");

	private final AnalyticsReports analytics;

	private final AnalyticsExports exports;

	private final JsonMapper json;

	private final Clock clock;

	private final org.springframework.context.MessageSource messages;

	AnalyticsPage(AnalyticsReports analytics, AnalyticsExports exports, JsonMapper json, Clock clock,
			org.springframework.context.MessageSource messages) {
		this.messages = messages;
		this.analytics = analytics;
		this.exports = exports;
		this.json = json;
		this.clock = clock;
	}

	/** One metric row: its key, the figures, and whether it is money. */
	public record MetricRow(String key, io.atrium.analytics.Metric metric, boolean money) {
	}

	@GetMapping("/analytics")
	String page(@RequestParam(required = false) String preset, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to,
			@RequestHeader(name = "HX-Request", required = false) String htmx, java.util.Locale locale, Model model) {
		RangeChoice choice = RangeChoice.of(preset, from, to, clock);
		CustomerInsights insights = analytics.customerInsights(choice.range(), InsightsFilter.NONE, null);
		CampaignPerformance campaigns = analytics.campaignPerformance(choice.range(), AttributionModel.of(null), 7,
				java.math.BigDecimal.ONE);
		List<MetricRow> metrics = new ArrayList<>();
		for (String key : METRICS) {
			if (insights.metrics().get(key) != null) {
				metrics.add(new MetricRow(key, insights.metrics().get(key),
						key.equals("revenue") || key.equals("average_order_value")));
			}
		}
		Map<String, Object> series = new LinkedHashMap<>();
		series.put("labels", insights.series().stream().map(p -> p.from().toString()).toList());
		series.put("revenue", insights.series().stream().map(CustomerInsights.SeriesPoint::revenue).toList());
		series.put("visits", insights.series().stream().map(CustomerInsights.SeriesPoint::visits).toList());
		Map<String, Object> channels = new LinkedHashMap<>();
		channels.put("labels", insights.channelMix()
			.stream()
			.map(c -> messages.getMessage("web.extra.channel." + c.channel(), null, c.channel(), locale))
			.toList());
		channels.put("values", insights.channelMix().stream().map(CustomerInsights.ChannelFigures::touches).toList());
		Map<String, Object> campaignChart = new LinkedHashMap<>();
		campaignChart.put("labels",
				campaigns.campaigns().stream().map(CampaignPerformance.CampaignFigures::campaignId).toList());
		campaignChart.put("values",
				campaigns.campaigns().stream().map(CampaignPerformance.CampaignFigures::revenueAttributed).toList());

		model.addAttribute("choice", choice);
		model.addAttribute("presets", RangeChoice.PRESETS);
		model.addAttribute("insights", insights);
		model.addAttribute("metrics", metrics);
		model.addAttribute("campaigns", campaigns);
		model.addAttribute("seriesJson", json.writeValueAsString(series));
		model.addAttribute("channelJson", json.writeValueAsString(channels));
		model.addAttribute("campaignJson", json.writeValueAsString(campaignChart));
		model.addAttribute("insightsTables", AnalyticsExports.INSIGHTS_TABLES);
		model.addAttribute("campaignTables", AnalyticsExports.CAMPAIGN_TABLES);
		return htmx != null ? "analytics :: content" : "analytics";
	}

	/** One table as CSV, for the same range as the page. */
	@GetMapping("/analytics/export")
	ResponseEntity<byte[]> export(@RequestParam(required = false) String report,
			@RequestParam(required = false) String table, @RequestParam(required = false) String preset,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		RangeChoice choice = RangeChoice.of(preset, from, to, clock);
		boolean campaign = "campaign-performance".equals(report);
		String csv = campaign ? exports.campaignPerformanceCsv(choice.range(), table)
				: exports.customerInsightsCsv(choice.range(), table);
		String name = (campaign ? "campaign-performance-" : "customer-insights-") + table + "-"
				+ choice.range().from() + "-" + choice.range().to() + ".csv";
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
			.body(csv.getBytes(StandardCharsets.UTF_8));
	}
}
