package io.atrium.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atrium.analytics.AnalyticsReports;
import io.atrium.analytics.CustomerInsights;
import io.atrium.analytics.InsightsFilter;
import io.atrium.analytics.Metric;
import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.goals.BusinessGoals;
import io.atrium.journey.JourneyOverview;
import io.atrium.shared.CustomerId;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/**
 * The overview: KPIs with their change against the previous period, revenue and visits over time, the stage
 * funnel, the churn-risk distribution, goal progress and open alerts. The date range drives every figure.
 */
@Controller
class OverviewController {

	static final List<String> KPIS = List.of("active_customers", "new_customers", "visits", "purchases", "revenue",
			"average_order_value", "retention_rate");

	private final AnalyticsReports analytics;

	private final JourneyOverview journeys;

	private final BusinessGoals goals;

	private final CustomerDirectory customers;

	private final JsonMapper json;

	private final Clock clock;

	private final MessageSource messages;

	OverviewController(AnalyticsReports analytics, JourneyOverview journeys, BusinessGoals goals,
			CustomerDirectory customers, JsonMapper json, Clock clock, MessageSource messages) {
		this.messages = messages;
		this.analytics = analytics;
		this.journeys = journeys;
		this.goals = goals;
		this.customers = customers;
		this.json = json;
		this.clock = clock;
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	public record Kpi(String key, Metric metric, boolean money) {

		public String direction() {
			if (metric.change() == null || metric.change().signum() == 0) {
				return "flat";
			}
			return metric.change().signum() > 0 ? "up" : "down";
		}
	}

	public record AlertRow(String customerId, String name, double risk, String level, java.time.Instant raisedAt) {
	}

	@GetMapping("/overview")
	String overview(@RequestParam(required = false) String preset, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Locale locale, Model model) {
		RangeChoice choice = RangeChoice.of(preset, from, to, clock);
		CustomerInsights insights = analytics.customerInsights(choice.range(), new InsightsFilter(null, null), null);
		List<Kpi> kpis = new ArrayList<>();
		for (String key : KPIS) {
			Metric metric = insights.metrics().get(key);
			if (metric != null) {
				kpis.add(new Kpi(key, metric, key.equals("revenue") || key.equals("average_order_value")));
			}
		}
		Map<String, Object> series = new LinkedHashMap<>();
		series.put("labels", insights.series().stream().map(p -> p.from().toString()).toList());
		series.put("revenue", insights.series().stream().map(CustomerInsights.SeriesPoint::revenue).toList());
		series.put("visits", insights.series().stream().map(CustomerInsights.SeriesPoint::visits).toList());

		JourneyOverview.Stages stages = journeys.stages();
		Map<String, Object> funnel = new LinkedHashMap<>();
		funnel.put("labels", stages.funnel().stream().map(f -> text("web.stage." + f.stage(), locale)).toList());
		funnel.put("values", stages.funnel().stream().map(JourneyOverview.FunnelStepView::reached).toList());
		Map<String, Long> churn = journeys.churnLevels();
		Map<String, Object> churnChart = new LinkedHashMap<>();
		churnChart.put("labels", churn.keySet().stream().map(level -> text("web.churn." + level, locale)).toList());
		churnChart.put("values", new ArrayList<>(churn.values()));

		var open = journeys.openAlerts(8);
		Map<CustomerId, CustomerSummary> people = customers
			.findAll(open.stream().map(JourneyOverview.OpenAlert::customerId).distinct().toList());
		List<AlertRow> alerts = open.stream().map(a -> {
			CustomerSummary who = people.get(a.customerId());
			return new AlertRow(who == null ? null : who.externalId(), who == null ? null : Names.of(who), a.risk(),
					a.level(), a.raisedAt());
		}).toList();

		model.addAttribute("choice", choice);
		model.addAttribute("presets", RangeChoice.PRESETS);
		model.addAttribute("insights", insights);
		model.addAttribute("kpis", kpis);
		model.addAttribute("seriesJson", json.writeValueAsString(series));
		model.addAttribute("stages", stages);
		model.addAttribute("funnelJson", json.writeValueAsString(funnel));
		model.addAttribute("churn", churn);
		model.addAttribute("churnJson", json.writeValueAsString(churnChart));
		model.addAttribute("goals", goals.progress());
		model.addAttribute("alerts", alerts);
		model.addAttribute("hundred", BigDecimal.valueOf(100));
		return htmx != null ? "overview :: content" : "overview";
	}
}
