package io.atrium.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.atrium.shared.DateRange;
import io.atrium.shared.InvalidInput;
import io.atrium.tracking.MallDirectory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/analytics/customer-insights} and {@code GET /api/analytics/campaign-performance}, as JSON or,
 * with {@code format=csv}, one of their tables as CSV ({@code table=...}).
 */
@RestController
class AnalyticsController {

	private final AnalyticsReports reports;

	private final MallDirectory directory;

	private final Clock clock;

	private final io.atrium.segment.SegmentMembership segments;

	AnalyticsController(AnalyticsReports reports, MallDirectory directory, Clock clock,
			io.atrium.segment.SegmentMembership segments) {
		this.segments = segments;
		this.reports = reports;
		this.directory = directory;
		this.clock = clock;
	}

	@GetMapping("/api/analytics/customer-insights")
	ResponseEntity<?> customerInsights(@RequestParam(required = false) String preset,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String store, @RequestParam(required = false) String channel,
			@RequestParam(name = "segment_id", required = false) String segmentId,
			@RequestParam(required = false) String granularity, @RequestParam(required = false) String format,
			@RequestParam(required = false) String table) {
		DateRange range = DateRange.parse(preset, from, to, clock);
		java.util.UUID segment = segment(segmentId);
		if (store != null && !store.isBlank() && directory.store(store.strip()).isEmpty()) {
			throw InvalidInput.of("store", "no store with this id");
		}
		if (channel != null && (channel.isBlank() || channel.length() > 40)) {
			throw InvalidInput.of("channel", "must be a channel name such as store, app, email");
		}
		boolean csv = csv(format);
		InsightsFilter filter = new InsightsFilter(store == null || store.isBlank() ? null : store.strip(),
				channel == null ? null : channel.strip().toLowerCase(Locale.ROOT), segment,
				segment == null ? null : members(segment));
		String requestedTable = table(table, csv, List.of("metrics", "top_stores", "top_categories", "channel_mix", "series",
				"stage_distribution", "stage_flows", "health_distribution", "churn_risk_distribution"));
		CustomerInsights insights = reports.customerInsights(range, filter, granularity);
		if (!csv) {
			return ResponseEntity.ok(insights);
		}
		return csv("customer-insights-" + requestedTable, insightsTable(insights, requestedTable));
	}

	@GetMapping("/api/analytics/campaign-performance")
	ResponseEntity<?> campaignPerformance(@RequestParam(required = false) String preset,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String attribution,
			@RequestParam(name = "window_days", required = false) String windowDays,
			@RequestParam(name = "half_life_days", required = false) String halfLifeDays,
			@RequestParam(required = false) String format, @RequestParam(required = false) String table) {
		DateRange range = DateRange.parse(preset, from, to, clock);
		AttributionModel model = AttributionModel.of(attribution);
		int window = integer("window_days", windowDays, 7);
		BigDecimal halfLife = decimal("half_life_days", halfLifeDays, BigDecimal.ONE);
		boolean csv = csv(format);
		String requestedTable = table(table, csv, List.of("campaigns", "channels"));
		CampaignPerformance performance = reports.campaignPerformance(range, model, window, halfLife);
		if (!csv) {
			return ResponseEntity.ok(performance);
		}
		return csv("campaign-performance-" + requestedTable, campaignTable(performance, requestedTable));
	}

	private java.util.UUID segment(String segmentId) {
		if (segmentId == null || segmentId.isBlank()) {
			return null;
		}
		java.util.UUID id;
		try {
			id = java.util.UUID.fromString(segmentId.strip());
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of("segment_id", "must be a segment id (a UUID)");
		}
		if (!segments.exists(id)) {
			throw InvalidInput.of("segment_id", "no segment with this id");
		}
		return id;
	}

	/** The segment's current members, read page by page through the segment module's API. */
	private List<java.util.UUID> members(java.util.UUID segment) {
		List<java.util.UUID> members = new ArrayList<>();
		String cursor = null;
		do {
			io.atrium.shared.Page<io.atrium.shared.CustomerId> page = segments.members(segment, cursor, 500);
			page.items().forEach(id -> members.add(id.value()));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return members;
	}

	static CsvTable insightsTable(CustomerInsights insights, String table) {
		List<List<Object>> rows = new ArrayList<>();
		switch (table) {
			case "top_stores":
				insights.topStores().forEach(s -> rows.add(row(s.storeId(), s.name(), s.category(), s.touches(),
						s.visits(), s.purchases(), s.revenue())));
				return new CsvTable(List.of("store_id", "name", "category", "touches", "visits", "purchases", "revenue"),
						rows);
			case "top_categories":
				insights.topCategories().forEach(c -> rows.add(row(c.category(), c.touches(), c.purchases(), c.revenue())));
				return new CsvTable(List.of("category", "touches", "purchases", "revenue"), rows);
			case "channel_mix":
				insights.channelMix().forEach(c -> rows.add(row(c.channel(), c.touches(), c.sharePct(), c.revenue())));
				return new CsvTable(List.of("channel", "touches", "share_pct", "revenue"), rows);
			case "series":
				insights.series().forEach(p -> rows.add(row(p.from(), p.activeCustomers(), p.visits(), p.purchases(),
						p.revenue())));
				return new CsvTable(List.of("from", "active_customers", "visits", "purchases", "revenue"), rows);
			case "stage_distribution":
				return counts("stage", insights.stageDistribution());
			case "health_distribution":
				return counts("health", insights.healthDistribution());
			case "churn_risk_distribution":
				return counts("churn_risk", insights.churnRiskDistribution());
			case "stage_flows":
				insights.stageFlows().forEach(f -> rows.add(row(f.from(), f.to(), f.customers(), f.transitions())));
				return new CsvTable(List.of("from", "to", "customers", "transitions"), rows);
			default:
				insights.metrics().forEach((name, m) -> rows.add(row(name, m.value(), m.previous(), m.change(),
						m.changePct())));
				return new CsvTable(List.of("metric", "value", "previous", "change", "change_pct"), rows);
		}
	}

	private static CsvTable counts(String key, java.util.Map<String, Long> counts) {
		List<List<Object>> rows = new ArrayList<>();
		counts.forEach((name, count) -> rows.add(row(name, count)));
		return new CsvTable(List.of(key, "customers"), rows);
	}

	static CsvTable campaignTable(CampaignPerformance performance, String table) {
		List<List<Object>> rows = new ArrayList<>();
		if (table.equals("channels")) {
			performance.channels().forEach(c -> rows.add(row(c.channel(), c.touches(), c.customersReached(),
					c.revenueAttributed())));
			return new CsvTable(List.of("channel", "touches", "customers_reached", "revenue_attributed"), rows);
		}
		performance.campaigns().forEach(c -> rows.add(row(c.campaignId(), c.touches(), c.opened(), c.clicked(),
				c.customersReached(), c.converted(), c.conversions(), c.revenueAttributed(), c.sent(), c.delivered(),
				c.cost())));
		return new CsvTable(List.of("campaign_id", "touches", "opened", "clicked", "customers_reached", "converted",
				"conversions", "revenue_attributed", "sent", "delivered", "cost"), rows);
	}

	private static List<Object> row(Object... cells) {
		return java.util.Arrays.asList(cells);
	}

	private static ResponseEntity<String> csv(String name, CsvTable table) {
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
			.body(table.write());
	}

	private static boolean csv(String format) {
		if (format == null || format.isBlank() || format.equalsIgnoreCase("json")) {
			return false;
		}
		if (format.equalsIgnoreCase("csv")) {
			return true;
		}
		throw InvalidInput.of("format", "must be json or csv");
	}

	private static String table(String table, boolean csv, List<String> tables) {
		if (table == null || table.isBlank()) {
			return tables.get(0);
		}
		String value = table.strip().toLowerCase(Locale.ROOT);
		if (!tables.contains(value)) {
			throw InvalidInput.of("table", "must be one of " + String.join(", ", tables));
		}
		return value;
	}

	private static int integer(String field, String value, int fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw InvalidInput.of(field, "must be a whole number");
		}
	}

	private static BigDecimal decimal(String field, String value, BigDecimal fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return new BigDecimal(value.strip());
		}
		catch (NumberFormatException ex) {
			throw InvalidInput.of(field, "must be a number");
		}
	}

}
