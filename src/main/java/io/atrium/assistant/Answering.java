package io.atrium.assistant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.atrium.analytics.AnalyticsReports;
import io.atrium.analytics.AttributionModel;
import io.atrium.analytics.CampaignPerformance;
import io.atrium.analytics.CustomerInsights;
import io.atrium.analytics.InsightsFilter;
import io.atrium.analytics.Metric;
import io.atrium.assistant.ChatResponse.Chart;
import io.atrium.assistant.ChatResponse.Data;
import io.atrium.assistant.ChatResponse.Draft;
import io.atrium.assistant.ChatResponse.GoalRef;
import io.atrium.assistant.ChatResponse.Insight;
import io.atrium.assistant.ChatResponse.Recommendation;
import io.atrium.assistant.ChatResponse.Series;
import io.atrium.assistant.Interpretation.Period;
import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.goals.BusinessGoals;
import io.atrium.goals.GoalProgress;
import io.atrium.journey.CustomerJourneys;
import io.atrium.journey.CustomerJourneys.JourneyQuery;
import io.atrium.journey.CustomerJourneys.JourneySnapshot;
import io.atrium.journey.Stage;
import io.atrium.segment.SegmentMembership;
import io.atrium.shared.CustomerId;
import io.atrium.shared.DateRange;
import io.atrium.shared.Page;

import org.springframework.stereotype.Component;

/**
 * Answers an {@link Interpretation} by calling the typed read functions of analytics, journey, segment, customer
 * and goals (never SQL of its own), and words the answer from the message bundle in the caller's language.
 * Every number in an answer is a number those functions returned.
 */
@Component
class Answering {

	static final Set<String> CAMPAIGN_METRICS = Set.of("conversions", "revenue_attributed", "customers_reached",
			"touches");

	static final Set<String> SERIES_METRICS = Set.of("active_customers", "visits", "purchases", "revenue");

	static final int PAGE = 20;

	static final int MAX_SEGMENT_MEMBERS = 50_000;

	private final AnalyticsReports analytics;

	private final CustomerJourneys journeys;

	private final CustomerDirectory customers;

	private final SegmentMembership segments;

	private final BusinessGoals goals;

	private final AssistantTexts texts;

	private final Clock clock;

	Answering(AnalyticsReports analytics, CustomerJourneys journeys, CustomerDirectory customers,
			SegmentMembership segments, BusinessGoals goals, AssistantTexts texts, Clock clock) {
		this.analytics = analytics;
		this.journeys = journeys;
		this.customers = customers;
		this.segments = segments;
		this.goals = goals;
		this.texts = texts;
		this.clock = clock;
	}

	/** The parts of a response other than the conversation id and the interpretation. */
	record Reply(String answer, Data data, Chart chart, List<Insight> insights, List<Recommendation> recommendations) {
	}

	/** What answering needs besides the interpretation. */
	record Ask(Interpretation interpretation, Locale locale, boolean detailed, Definitions definitions, String cursor) {
	}

	Reply answer(Ask ask) {
		Interpretation i = ask.interpretation();
		Words w = new Words(ask.locale());
		return switch (i.intent()) {
			case "metric_value" -> metricValue(ask, w);
			case "comparison" -> comparison(ask, w);
			case "ranking" -> ranking(ask, w);
			case "distribution" -> distribution(ask, w);
			case "trend" -> trend(ask, w);
			case "list_customers", "count_customers" -> customerList(ask, w);
			case "goal_progress" -> goalProgress(ask, w);
			default -> unknown(ask, w);
		};
	}

	// metric values and comparisons

	private Reply metricValue(Ask ask, Words w) {
		Interpretation i = ask.interpretation();
		Optional<Reply> unsupported = unsupportedFilters(ask, w, Set.of("store", "channel", "category", "campaign"));
		if (unsupported.isPresent()) {
			return unsupported.get();
		}
		Optional<Metric> figure = figure(i.metric(), i.dateRange(), i.filters());
		if (figure.isEmpty()) {
			return cannot(ask, w, "assistant.cannot.split", w.metric(i.metric()), filterText(i, w));
		}
		Metric metric = figure.get();
		String value = w.value(i.metric(), metric.value());
		String answer = texts.get(ask.locale(), "assistant.answer.metric", w.capital(w.metric(i.metric())),
				w.range(i.dateRange()), value, filterSuffix(i, w));
		if (ask.detailed() && metric.previous() != null) {
			answer += " " + texts.get(ask.locale(), "assistant.answer.previous", w.value(i.metric(), metric.previous()),
					w.pct(metric.changePct()));
		}
		Data data = new Data(List.of("metric", "from", "to", "value", "previous", "change_pct"),
				List.of(row(i.metric(), i.dateRange().from(), i.dateRange().to(), metric.value(), metric.previous(),
						metric.changePct())),
				null);
		List<Insight> insights = new ArrayList<>(changeInsights(ask, w, i.metric(), metric.changePct()));
		insights.addAll(goalInsights(ask, w, i.metric()));
		sortByUrgency(insights);
		return new Reply(answer, data, null, insights, recommendationsFor(ask, w, i.metric(), metric.changePct()));
	}

	private Reply comparison(Ask ask, Words w) {
		Interpretation i = ask.interpretation();
		Optional<Reply> unsupported = unsupportedFilters(ask, w, Set.of("store", "channel", "category", "campaign"));
		if (unsupported.isPresent()) {
			return unsupported.get();
		}
		Optional<Metric> now = figure(i.metric(), i.dateRange(), i.filters());
		Optional<Metric> then = figure(i.metric(), i.compareTo(), i.filters());
		if (now.isEmpty() || then.isEmpty()) {
			return cannot(ask, w, "assistant.cannot.split", w.metric(i.metric()), filterText(i, w));
		}
		Metric change = Metric.of(now.get().value(), then.get().value());
		String answer = texts.get(ask.locale(), "assistant.answer.comparison", w.capital(w.metric(i.metric())),
				w.value(i.metric(), change.value()), w.range(i.dateRange()), w.value(i.metric(), change.previous()),
				w.range(i.compareTo()), w.pct(change.changePct()), filterSuffix(i, w));
		Data data = new Data(List.of("period", "from", "to", "value"),
				List.of(row("current", i.dateRange().from(), i.dateRange().to(), change.value()),
						row("compare_to", i.compareTo().from(), i.compareTo().to(), change.previous())),
				null);
		Chart chart = new Chart("bar", List.of(w.range(i.dateRange()), w.range(i.compareTo())),
				List.of(new Series(i.metric(), values(change.value(), change.previous()))));
		List<Insight> insights = new ArrayList<>(changeInsights(ask, w, i.metric(), change.changePct()));
		insights.addAll(goalInsights(ask, w, i.metric()));
		sortByUrgency(insights);
		return new Reply(answer, data, chart, insights, recommendationsFor(ask, w, i.metric(), change.changePct()));
	}

	/** One metric for a period with its previous-period comparison, through analytics' typed reads. */
	private Optional<Metric> figure(String metric, Period period, Map<String, Object> filters) {
		DateRange range = period.range();
		if (CAMPAIGN_METRICS.contains(metric)) {
			if (filters.containsKey("store") || filters.containsKey("channel") || filters.containsKey("category")) {
				return Optional.empty();
			}
			CampaignPerformance performance = campaigns(range);
			Object campaign = filters.get("campaign");
			if (campaign == null) {
				return Optional.ofNullable(performance.totals().get(metric));
			}
			CampaignPerformance previous = campaigns(range.previous());
			return Optional.of(Metric.of(campaignValue(performance, campaign.toString(), metric),
					campaignValue(previous, campaign.toString(), metric)));
		}
		if (filters.containsKey("campaign")) {
			return Optional.empty();
		}
		if (filters.containsKey("category")) {
			if (!Set.of("revenue", "purchases", "touches").contains(metric) || filters.containsKey("store")) {
				return Optional.empty();
			}
			InsightsFilter filter = insightsFilter(filters);
			return Optional.of(Metric.of(categoryValue(analytics.customerInsights(range, filter, null), filters, metric),
					categoryValue(analytics.customerInsights(range.previous(), filter, null), filters, metric)));
		}
		return Optional.ofNullable(analytics.customerInsights(range, insightsFilter(filters), null).metrics().get(metric));
	}

	private static BigDecimal categoryValue(CustomerInsights insights, Map<String, Object> filters, String metric) {
		String category = filters.get("category").toString();
		return insights.topCategories()
			.stream()
			.filter(figures -> category.equals(figures.category()))
			.findFirst()
			.map(figures -> switch (metric) {
				case "revenue" -> figures.revenue();
				case "purchases" -> BigDecimal.valueOf(figures.purchases());
				default -> BigDecimal.valueOf(figures.touches());
			})
			.orElse(metric.equals("revenue") ? new BigDecimal("0.00") : BigDecimal.ZERO);
	}

	private static BigDecimal campaignValue(CampaignPerformance performance, String campaign, String metric) {
		return performance.campaigns()
			.stream()
			.filter(figures -> campaign.equals(figures.campaignId()))
			.findFirst()
			.map(figures -> campaignMetric(figures, metric))
			.orElse(BigDecimal.ZERO);
	}

	private static BigDecimal campaignMetric(CampaignPerformance.CampaignFigures figures, String metric) {
		return switch (metric) {
			case "conversions" -> figures.conversions();
			case "revenue_attributed" -> figures.revenueAttributed();
			case "customers_reached" -> BigDecimal.valueOf(figures.customersReached());
			default -> BigDecimal.valueOf(figures.touches());
		};
	}

	private CampaignPerformance campaigns(DateRange range) {
		return analytics.campaignPerformance(range, AttributionModel.of(null), 7, BigDecimal.ONE);
	}

	private static InsightsFilter insightsFilter(Map<String, Object> filters) {
		Object store = filters.get("store");
		Object channel = filters.get("channel");
		return new InsightsFilter(store == null ? null : store.toString(), channel == null ? null : channel.toString());
	}

	// rankings and distributions

	/** A named figure: one row of a ranking or a distribution. */
	record Figure(String key, String label, BigDecimal value) {
	}

	private Reply ranking(Ask ask, Words w) {
		Interpretation i = ask.interpretation();
		Optional<List<Figure>> all = figures(i.entity(), i.metric(), i.dateRange(), i.filters());
		if (all.isEmpty()) {
			return cannot(ask, w, "assistant.cannot.rank", w.entity(i.entity()), w.metric(i.metric()));
		}
		Comparator<Figure> byValue = Comparator.comparing(Figure::value);
		List<Figure> sorted = new ArrayList<>(all.get());
		sorted.sort("asc".equals(i.order()) ? byValue.thenComparing(Figure::key)
				: byValue.reversed().thenComparing(Figure::key));
		List<Figure> top = sorted.subList(0, Math.min(i.limit(), sorted.size()));
		String answer;
		if (top.isEmpty()) {
			answer = texts.get(ask.locale(), "assistant.answer.nothing", w.range(i.dateRange()));
		}
		else {
			answer = texts.get(ask.locale(), "asc".equals(i.order()) ? "assistant.answer.ranking.asc"
					: "assistant.answer.ranking", top.size(), w.entity(i.entity()), w.metric(i.metric()),
					w.range(i.dateRange()), top.get(0).label(), w.value(i.metric(), top.get(0).value()),
					filterSuffix(i, w));
			if (ask.detailed() && top.size() > 1) {
				answer += " " + texts.get(ask.locale(), "assistant.answer.runner-up", top.get(1).label(),
						w.value(i.metric(), top.get(1).value()));
			}
		}
		List<List<Object>> rows = new ArrayList<>();
		for (int n = 0; n < top.size(); n++) {
			rows.add(row(n + 1, top.get(n).key(), top.get(n).label(), top.get(n).value()));
		}
		Chart chart = top.isEmpty() ? null
				: new Chart("bar", top.stream().map(Figure::label).toList(),
						List.of(new Series(i.metric(), top.stream().map(f -> (Object) f.value()).toList())));
		return new Reply(answer, new Data(List.of("rank", "id", "name", i.metric()), rows, null), chart,
				goalInsights(ask, w, i.metric()), List.of());
	}

	private Optional<List<Figure>> figures(String entity, String metric, Period period, Map<String, Object> filters) {
		DateRange range = period.range();
		switch (entity) {
			case "stores": {
				if (!Set.of("revenue", "visits", "purchases", "touches").contains(metric)
						|| filters.containsKey("campaign")) {
					return Optional.empty();
				}
				Object category = filters.get("category");
				return Optional.of(analytics.stores(range, insightsFilter(filters))
					.stream()
					.filter(store -> category == null || category.equals(store.category()))
					.map(store -> new Figure(store.storeId(), store.name() == null ? store.storeId() : store.name(),
							switch (metric) {
								case "revenue" -> store.revenue();
								case "visits" -> BigDecimal.valueOf(store.visits());
								case "purchases" -> BigDecimal.valueOf(store.purchases());
								default -> BigDecimal.valueOf(store.touches());
							}))
					.toList());
			}
			case "categories": {
				if (!Set.of("revenue", "purchases", "touches").contains(metric) || filters.containsKey("category")
						|| filters.containsKey("campaign")) {
					return Optional.empty();
				}
				return Optional.of(analytics.customerInsights(range, insightsFilter(filters), null)
					.topCategories()
					.stream()
					.map(c -> new Figure(c.category(), c.category(), switch (metric) {
						case "revenue" -> c.revenue();
						case "purchases" -> BigDecimal.valueOf(c.purchases());
						default -> BigDecimal.valueOf(c.touches());
					}))
					.toList());
			}
			case "channels": {
				if (!Set.of("revenue", "touches").contains(metric) || filters.containsKey("category")
						|| filters.containsKey("campaign")) {
					return Optional.empty();
				}
				return Optional.of(analytics.customerInsights(range, insightsFilter(filters), null)
					.channelMix()
					.stream()
					.map(c -> new Figure(c.channel(), c.channel(),
							"revenue".equals(metric) ? c.revenue() : BigDecimal.valueOf(c.touches())))
					.toList());
			}
			case "campaigns": {
				String campaignMetric = "revenue".equals(metric) ? "revenue_attributed" : metric;
				if (!CAMPAIGN_METRICS.contains(campaignMetric) || !filters.isEmpty()) {
					return Optional.empty();
				}
				return Optional.of(campaigns(range).campaigns()
					.stream()
					.map(c -> new Figure(c.campaignId(), c.campaignId(), campaignMetric(c, campaignMetric)))
					.toList());
			}
			default:
				return Optional.empty();
		}
	}

	private Reply distribution(Ask ask, Words w) {
		Interpretation i = ask.interpretation();
		List<Figure> parts;
		String valueName;
		if ("stage".equals(i.groupBy()) || "churn_risk".equals(i.groupBy())) {
			Optional<Reply> unsupported = unsupportedFilters(ask, w, Set.of());
			if (unsupported.isPresent()) {
				return unsupported.get();
			}
			parts = "stage".equals(i.groupBy()) ? stages(w) : churnBands(ask.definitions());
			valueName = "customers";
		}
		else {
			String entity = Understanding.plural(i.groupBy());
			Optional<List<Figure>> all = figures(entity, i.metric(), i.dateRange(), i.filters());
			if (all.isEmpty()) {
				return cannot(ask, w, "assistant.cannot.rank", w.entity(entity), w.metric(i.metric()));
			}
			parts = new ArrayList<>(all.get());
			parts.sort(Comparator.comparing(Figure::value).reversed().thenComparing(Figure::key));
			valueName = i.metric();
		}
		BigDecimal total = parts.stream().map(Figure::value).reduce(BigDecimal.ZERO, BigDecimal::add);
		List<List<Object>> rows = new ArrayList<>();
		for (Figure part : parts) {
			rows.add(row(part.key(), part.label(), part.value(), share(part.value(), total)));
		}
		String answer;
		if (parts.isEmpty() || total.signum() == 0) {
			answer = texts.get(ask.locale(), "assistant.answer.nothing",
					i.dateRange() == null ? w.text("assistant.now") : w.range(i.dateRange()));
		}
		else {
			Figure largest = parts.stream().max(Comparator.comparing(Figure::value)).orElseThrow();
			answer = texts.get(ask.locale(), "assistant.answer.distribution", w.metric(valueName),
					w.group(i.groupBy()), i.dateRange() == null ? w.text("assistant.now") : w.range(i.dateRange()),
					largest.label(), w.value(valueName, largest.value()), w.pct(share(largest.value(), total)),
					w.value(valueName, total));
		}
		Chart chart = parts.isEmpty() ? null
				: new Chart("stage".equals(i.groupBy()) || "churn_risk".equals(i.groupBy()) ? "bar" : "pie",
						parts.stream().map(Figure::label).toList(),
						List.of(new Series(valueName, parts.stream().map(f -> (Object) f.value()).toList())));
		List<Insight> insights = new ArrayList<>();
		List<Recommendation> recommendations = new ArrayList<>();
		if ("churn_risk".equals(i.groupBy()) && total.signum() > 0) {
			long high = journeys.count(query(Map.of("churn_risk", Map.of("gt", ask.definitions().highChurnRisk())),
					null, ask.definitions()));
			insights.addAll(riskInsights(ask, w, high, total.longValue()));
			recommendations.addAll(winBack(ask, w, high));
		}
		return new Reply(answer, new Data(List.of("id", "name", valueName, "share_pct"), rows, null), chart, insights,
				recommendations);
	}

	private List<Figure> stages(Words w) {
		List<Figure> parts = new ArrayList<>();
		journeys.stageCounts()
			.forEach((stage, count) -> parts.add(new Figure(stage.code(), w.text("assistant.stage." + stage.code()),
					BigDecimal.valueOf(count))));
		return parts;
	}

	private List<Figure> churnBands(Definitions definitions) {
		List<BigDecimal> edges = new ArrayList<>(List.of(new BigDecimal("0.2"), new BigDecimal("0.4"),
				new BigDecimal("0.6"), new BigDecimal("0.8")));
		List<Long> above = new ArrayList<>();
		long all = journeys.count(query(Map.of(), null, definitions));
		for (BigDecimal edge : edges) {
			above.add(journeys.count(query(Map.of("churn_risk", Map.of("gt", edge)), null, definitions)));
		}
		List<Figure> bands = new ArrayList<>();
		BigDecimal lower = BigDecimal.ZERO;
		long countAbove = all;
		for (int n = 0; n <= edges.size(); n++) {
			BigDecimal upper = n < edges.size() ? edges.get(n) : BigDecimal.ONE;
			long next = n < edges.size() ? above.get(n) : 0;
			String label = lower.toPlainString() + "–" + upper.toPlainString();
			bands.add(new Figure(label, label, BigDecimal.valueOf(countAbove - next)));
			countAbove = next;
			lower = upper;
		}
		return bands;
	}

	// trends

	private Reply trend(Ask ask, Words w) {
		Interpretation i = ask.interpretation();
		Optional<Reply> unsupported = unsupportedFilters(ask, w, Set.of("store", "channel"));
		if (unsupported.isPresent()) {
			return unsupported.get();
		}
		// Set.of(...).contains(null) throws: a trend without a metric or a grouping must not fail
		if (i.metric() == null || !SERIES_METRICS.contains(i.metric())) {
			return cannot(ask, w, "assistant.cannot.trend", w.metric(i.metric()));
		}
		String granularity = i.groupBy() != null && Set.of("day", "week", "month").contains(i.groupBy()) ? i.groupBy()
				: null;
		CustomerInsights insights = analytics.customerInsights(i.dateRange().range(), insightsFilter(i.filters()),
				granularity);
		Function<CustomerInsights.SeriesPoint, BigDecimal> value = switch (i.metric()) {
			case "active_customers" -> p -> BigDecimal.valueOf(p.activeCustomers());
			case "visits" -> p -> BigDecimal.valueOf(p.visits());
			case "purchases" -> p -> BigDecimal.valueOf(p.purchases());
			default -> CustomerInsights.SeriesPoint::revenue;
		};
		List<String> labels = insights.series().stream().map(p -> p.from().toString()).toList();
		List<Object> values = insights.series().stream().map(p -> (Object) value.apply(p)).toList();
		List<List<Object>> rows = insights.series().stream().map(p -> row(p.from(), value.apply(p))).toList();
		Metric metric = insights.metrics().get(i.metric());
		CustomerInsights.SeriesPoint peak = insights.series()
			.stream()
			.max(Comparator.comparing(value).thenComparing(CustomerInsights.SeriesPoint::from, Comparator.reverseOrder()))
			.orElseThrow();
		String answer = texts.get(ask.locale(), "assistant.answer.trend", w.capital(w.metric(i.metric())),
				w.range(i.dateRange()), w.text("assistant.granularity." + insights.granularity()),
				w.value(i.metric(), metric.value()), w.pct(metric.changePct()), peak.from().toString(),
				w.value(i.metric(), value.apply(peak)), filterSuffix(i, w));
		List<Insight> found = new ArrayList<>(changeInsights(ask, w, i.metric(), metric.changePct()));
		found.addAll(goalInsights(ask, w, i.metric()));
		sortByUrgency(found);
		return new Reply(answer, new Data(List.of("from", i.metric()), rows, null),
				new Chart("line", labels, List.of(new Series(i.metric(), values))), found,
				recommendationsFor(ask, w, i.metric(), metric.changePct()));
	}

	// customers

	private Reply customerList(Ask ask, Words w) {
		Interpretation i = ask.interpretation();
		Optional<Reply> unsupported = unsupportedFilters(ask, w,
				Set.of("churn_risk", "lifetime_spend", "inactive_days", "new", "stage", "health", "segment"));
		if (unsupported.isPresent()) {
			return unsupported.get();
		}
		List<CustomerId> among = null;
		if (i.filters().containsKey("segment")) {
			among = segmentMembers(UUID.fromString(i.filters().get("segment").toString()));
			if (among == null) {
				return cannot(ask, w, "assistant.cannot.segment-size", MAX_SEGMENT_MEMBERS);
			}
		}
		JourneyQuery query = query(i.filters(), i.dateRange(), ask.definitions(), among);
		long count = journeys.count(query);
		String conditions = filterText(i, w);
		String when = i.dateRange() == null ? "" : " " + texts.get(ask.locale(), "assistant.active-in",
				w.range(i.dateRange()));
		if (i.filters().containsKey("new")) {
			when = " " + texts.get(ask.locale(), "assistant.first-seen-in", w.range(i.dateRange()));
		}
		List<Insight> insights = new ArrayList<>();
		List<Recommendation> recommendations = new ArrayList<>();
		if (i.filters().containsKey("churn_risk")) {
			long all = journeys.count(query(Map.of(), i.dateRange(), ask.definitions(), null));
			insights.addAll(riskInsights(ask, w, count, all));
			recommendations.addAll(winBack(ask, w, count));
		}
		if ("count_customers".equals(i.intent())) {
			String answer = texts.get(ask.locale(), "assistant.answer.count", w.number(BigDecimal.valueOf(count)),
					conditions.isEmpty() ? "" : " (" + conditions + ")", when);
			return new Reply(answer, new Data(List.of("customers"), List.of(row(count)), null), null, insights,
					recommendations);
		}
		Page<JourneySnapshot> page = journeys.find(query, ask.cursor(), PAGE);
		Map<CustomerId, CustomerSummary> people = customers.findAll(page.items().stream()
			.map(JourneySnapshot::customerId)
			.toList());
		List<List<Object>> rows = new ArrayList<>();
		for (JourneySnapshot journey : page.items()) {
			CustomerSummary person = people.get(journey.customerId());
			rows.add(row(person == null ? journey.customerId().value().toString() : person.externalId(),
					person == null ? null : name(person), person == null ? null : person.memberTier(),
					journey.stage().code(), BigDecimal.valueOf(journey.churnRisk()).setScale(2, RoundingMode.HALF_UP),
					journey.health(), journey.momentum()));
		}
		String answer = texts.get(ask.locale(), "assistant.answer.list", w.number(BigDecimal.valueOf(count)),
				conditions.isEmpty() ? "" : " (" + conditions + ")", when, rows.size());
		if (ask.detailed() && !rows.isEmpty()) {
			answer += " " + texts.get(ask.locale(), "assistant.answer.list.first", rows.get(0).get(0),
					rows.get(0).get(4));
		}
		return new Reply(answer,
				new Data(List.of("customer_id", "name", "member_tier", "stage", "churn_risk", "health", "momentum"),
						rows, page.nextCursor()),
				null, insights, recommendations);
	}

	private List<CustomerId> segmentMembers(UUID segment) {
		List<CustomerId> members = new ArrayList<>();
		String cursor = null;
		do {
			Page<CustomerId> page = segments.members(segment, cursor, 500);
			members.addAll(page.items());
			cursor = page.nextCursor();
			if (members.size() > MAX_SEGMENT_MEMBERS) {
				return null;
			}
		}
		while (cursor != null);
		return members;
	}

	private static String name(CustomerSummary person) {
		String name = ((person.firstName() == null ? "" : person.firstName()) + " "
				+ (person.lastName() == null ? "" : person.lastName())).strip();
		return name.isEmpty() ? null : name;
	}

	private JourneyQuery query(Map<String, Object> filters, Period period, Definitions definitions) {
		return query(filters, period, definitions, null);
	}

	private JourneyQuery query(Map<String, Object> filters, Period period, Definitions definitions,
			List<CustomerId> among) {
		Double risk = bound(filters, "churn_risk", "gt").map(BigDecimal::doubleValue).orElse(null);
		Stage stage = filters.get("stage") == null ? null : Stage.of(filters.get("stage").toString()).orElse(null);
		BigDecimal spend = bound(filters, "lifetime_spend", "gte").orElse(null);
		Integer inactive = bound(filters, "inactive_days", "gte").map(BigDecimal::intValue).orElse(null);
		Integer health = bound(filters, "health", "gte").map(BigDecimal::intValue).orElse(null);
		boolean fresh = Boolean.TRUE.equals(filters.get("new"));
		DateRange range = period == null ? null : period.range();
		java.time.Instant lastSeenBefore = inactive == null ? null
				: LocalDate.now(clock).minusDays(inactive - 1L).atStartOfDay(clock.getZone()).toInstant();
		return new JourneyQuery(risk, stage, spend, fresh ? null : range, lastSeenBefore, fresh ? range : null,
				health, among);
	}

	@SuppressWarnings("unchecked")
	private static Optional<BigDecimal> bound(Map<String, Object> filters, String name, String op) {
		Object condition = filters.get(name);
		if (!(condition instanceof Map<?, ?> map) || map.get(op) == null) {
			return Optional.empty();
		}
		return Optional.of(new BigDecimal(map.get(op).toString()));
	}

	// goals

	private Reply goalProgress(Ask ask, Words w) {
		Interpretation i = ask.interpretation();
		List<GoalProgress> progress = goals.progress()
			.stream()
			.filter(p -> i.metric() == null || sameMetric(p.goal().metric(), i.metric()))
			.toList();
		List<Insight> insights = new ArrayList<>();
		List<List<Object>> rows = new ArrayList<>();
		long onTrack = 0;
		for (GoalProgress p : progress) {
			rows.add(row(p.goal().id(), p.goal().name(), p.goal().metric(), p.status(), p.value(), p.goal().target(),
					p.pctOfTarget(), p.forecastPctOfTarget()));
			if ("on_track".equals(p.status())) {
				onTrack++;
			}
			insights.add(goalInsight(ask, w, p));
		}
		sortByUrgency(insights);
		String answer = progress.isEmpty() ? texts.get(ask.locale(), "assistant.answer.no-goals")
				: texts.get(ask.locale(), "assistant.answer.goals", progress.size(), onTrack,
						progress.size() - onTrack);
		return new Reply(answer, new Data(List.of("goal_id", "name", "metric", "status", "value", "target",
				"pct_of_target", "forecast_pct_of_target"), rows, null), null, insights, List.of());
	}

	private List<Insight> goalInsights(Ask ask, Words w, String metric) {
		List<Insight> insights = new ArrayList<>();
		for (GoalProgress p : goals.progress()) {
			if (sameMetric(p.goal().metric(), metric)) {
				insights.add(goalInsight(ask, w, p));
			}
		}
		return insights;
	}

	private Insight goalInsight(Ask ask, Words w, GoalProgress p) {
		String urgency = switch (p.status()) {
			case "off_track" -> "critical";
			case "at_risk" -> "high";
			case "on_track" -> "low";
			default -> "medium";
		};
		String text = texts.get(ask.locale(), "assistant.insight.goal." + p.status(), p.goal().name(),
				p.pctOfTarget() == null ? "–" : w.number(p.pctOfTarget()),
				p.forecastPctOfTarget() == null ? "–" : w.number(p.forecastPctOfTarget()));
		return new Insight(text, urgency, new GoalRef(p.goal().id(), p.goal().name(), p.status()));
	}

	private static boolean sameMetric(String goalMetric, String metric) {
		if (goalMetric == null || metric == null) {
			return false;
		}
		try {
			return AnalyticsReports.canonical(goalMetric).equals(AnalyticsReports.canonical(metric));
		}
		catch (RuntimeException notAnalytics) {
			return goalMetric.equals(metric);
		}
	}

	// insights and recommendations

	private List<Insight> changeInsights(Ask ask, Words w, String metric, BigDecimal changePct) {
		if (changePct == null) {
			return List.of();
		}
		boolean lowerIsBetter = "lapsed_customers".equals(metric);
		BigDecimal good = lowerIsBetter ? changePct.negate() : changePct;
		String urgency;
		String key;
		if (good.compareTo(new BigDecimal("-20")) <= 0) {
			urgency = "high";
			key = "assistant.insight.worse";
		}
		else if (good.compareTo(new BigDecimal("-5")) <= 0) {
			urgency = "medium";
			key = "assistant.insight.worse";
		}
		else if (good.compareTo(new BigDecimal("10")) >= 0) {
			urgency = "low";
			key = "assistant.insight.better";
		}
		else {
			return List.of();
		}
		return List.of(new Insight(texts.get(ask.locale(), key, w.capital(w.metric(metric)), w.number(changePct.abs()) + "%"),
				urgency, null));
	}

	private List<Insight> riskInsights(Ask ask, Words w, long high, long all) {
		if (all == 0) {
			return List.of();
		}
		BigDecimal share = share(BigDecimal.valueOf(high), BigDecimal.valueOf(all));
		String urgency = share.compareTo(BigDecimal.valueOf(20)) >= 0 ? "critical"
				: share.compareTo(BigDecimal.valueOf(10)) >= 0 ? "high"
						: share.compareTo(BigDecimal.valueOf(5)) >= 0 ? "medium" : "low";
		GoalRef goal = goals.progress()
			.stream()
			.filter(p -> Set.of("retention_rate", "active_customers", "returning_customers", "lapsed_customers")
				.contains(canonicalOrSelf(p.goal().metric())))
			.findFirst()
			.map(p -> new GoalRef(p.goal().id(), p.goal().name(), p.status()))
			.orElse(null);
		return List.of(new Insight(texts.get(ask.locale(), "assistant.insight.risk", w.number(BigDecimal.valueOf(high)),
				w.number(share), w.number(ask.definitions().highChurnRisk())), urgency, goal));
	}

	private static String canonicalOrSelf(String metric) {
		try {
			return AnalyticsReports.canonical(metric);
		}
		catch (RuntimeException notAnalytics) {
			return metric;
		}
	}

	private List<Recommendation> winBack(Ask ask, Words w, long high) {
		if (high == 0) {
			return List.of();
		}
		Map<String, Object> rule = new LinkedHashMap<>();
		rule.put("type", "and");
		rule.put("children", List.of(Map.of("type", "purchase_amount", "window_days", 365, "op", "gt", "value", 0),
				Map.of("type", "no_touchpoint", "days", 30),
				Map.of("type", "consent", "channel", "email", "status", "granted")));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", texts.get(ask.locale(), "assistant.draft.win-back.name"));
		body.put("description", texts.get(ask.locale(), "assistant.draft.win-back.description"));
		body.put("type", "dynamic");
		body.put("rule", rule);
		String urgency = high >= 100 ? "high" : "medium";
		return List.of(new Recommendation(texts.get(ask.locale(), "assistant.recommend.win-back",
				w.number(BigDecimal.valueOf(high))), urgency, new Draft("segment", "POST", "/api/segments", body)),
				new Recommendation(texts.get(ask.locale(), "assistant.recommend.win-back-workflow"), urgency,
						new Draft("workflow", "POST", "/api/automation/workflows", winBackWorkflow(ask))));
	}

	/** A win-back email, a week's wait and a follow-up task; started by hand (created as a draft). */
	private Map<String, Object> winBackWorkflow(Ask ask) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", texts.get(ask.locale(), "assistant.draft.win-back-workflow.name"));
		body.put("trigger", Map.of("trigger_type", "manual", "config", Map.of()));
		body.put("steps", List.of(
				Map.of("action_type", "send_email", "config", Map.of("template_id", "win-back", "subject",
						texts.get(ask.locale(), "assistant.draft.win-back-workflow.subject"))),
				Map.of("action_type", "wait", "config", Map.of("wait_days", 7)),
				Map.of("action_type", "create_task", "config",
						Map.of("title", texts.get(ask.locale(), "assistant.draft.win-back-workflow.task")))));
		body.put("settings", Map.of("allow_reentry", false, "exit_on_touchpoint_types", List.of("purchase")));
		return body;
	}

	private List<Recommendation> recommendationsFor(Ask ask, Words w, String metric, BigDecimal changePct) {
		if (changePct == null || changePct.compareTo(new BigDecimal("-5")) > 0 || "lapsed_customers".equals(metric)) {
			return List.of();
		}
		Map<String, Object> rule = new LinkedHashMap<>();
		rule.put("type", "and");
		rule.put("children", List.of(Map.of("type", "touchpoint_count", "touchpoint_type", "store_visit",
				"window_days", 90, "op", "gte", "value", 2), Map.of("type", "no_touchpoint", "days", 14,
						"touchpoint_type", "purchase"),
				Map.of("type", "consent", "channel", "email", "status", "granted")));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", texts.get(ask.locale(), "assistant.draft.reactivate.name"));
		body.put("description", texts.get(ask.locale(), "assistant.draft.reactivate.description"));
		body.put("type", "dynamic");
		body.put("rule", rule);
		return List.of(new Recommendation(texts.get(ask.locale(), "assistant.recommend.reactivate",
				w.metric(metric)), changePct.compareTo(new BigDecimal("-20")) <= 0 ? "high" : "medium",
				new Draft("segment", "POST", "/api/segments", body)));
	}

	// unknown and unsupported

	private Reply unknown(Ask ask, Words w) {
		Interpretation i = ask.interpretation();
		String answer = i.unknownTerms().isEmpty() ? texts.get(ask.locale(), "assistant.answer.unknown")
				: texts.get(ask.locale(), "assistant.answer.unknown-terms", String.join(", ", i.unknownTerms()));
		return new Reply(answer + " " + texts.get(ask.locale(), "assistant.suggestions"), null, null, List.of(),
				List.of());
	}

	private Optional<Reply> unsupportedFilters(Ask ask, Words w, Set<String> allowed) {
		for (String filter : ask.interpretation().filters().keySet()) {
			if (!allowed.contains(filter)) {
				return Optional.of(cannot(ask, w, "assistant.cannot.filter", w.filterName(filter),
						w.intent(ask.interpretation().intent())));
			}
		}
		return Optional.empty();
	}

	private Reply cannot(Ask ask, Words w, String key, Object... args) {
		return new Reply(texts.get(ask.locale(), key, args) + " " + texts.get(ask.locale(), "assistant.suggestions"),
				null, null, List.of(), List.of());
	}

	private String filterSuffix(Interpretation i, Words w) {
		String text = filterText(i, w);
		return text.isEmpty() ? "" : " (" + text + ")";
	}

	private String filterText(Interpretation i, Words w) {
		List<String> parts = new ArrayList<>();
		i.filters().forEach((name, value) -> parts.add(w.filter(name, value)));
		return String.join(", ", parts);
	}

	private static BigDecimal share(BigDecimal part, BigDecimal total) {
		return total.signum() == 0 ? BigDecimal.ZERO
				: part.multiply(BigDecimal.valueOf(100)).divide(total, 1, RoundingMode.HALF_UP);
	}

	private static List<Object> values(Object... values) {
		return java.util.Arrays.asList(values);
	}

	private static List<Object> row(Object... values) {
		return java.util.Collections.unmodifiableList(java.util.Arrays.asList(values));
	}

	private static void sortByUrgency(List<Insight> insights) {
		List<String> order = List.of("critical", "high", "medium", "low");
		insights.sort(Comparator.comparingInt(insight -> order.indexOf(insight.urgency())));
	}

	/** Wording helpers in one locale. */
	final class Words {

		private final Locale locale;

		Words(Locale locale) {
			this.locale = locale;
		}

		String text(String key, Object... args) {
			return texts.get(locale, key, args);
		}

		String metric(String metric) {
			return metric == null ? "" : text("assistant.metric." + metric);
		}

		String entity(String entity) {
			return text("assistant.entity." + entity);
		}

		String group(String group) {
			return text("assistant.group." + group);
		}

		String intent(String intent) {
			return text("assistant.intent." + intent);
		}

		String filterName(String filter) {
			return text("assistant.filter." + filter);
		}

		String filter(String name, Object value) {
			Object shown = value instanceof Map<?, ?> map && !map.isEmpty() ? map.values().iterator().next() : value;
			if ("stage".equals(name)) {
				shown = text("assistant.stage." + value);
			}
			return text("assistant.filter-value." + name, shown);
		}

		String capital(String text) {
			return text.isEmpty() || !Character.isLowerCase(text.charAt(0)) ? text
					: Character.toUpperCase(text.charAt(0)) + text.substring(1);
		}

		String range(Period period) {
			return period.from().equals(period.to()) ? period.from().toString()
					: text("assistant.range", period.from().toString(), period.to().toString());
		}

		String number(BigDecimal value) {
			NumberFormat format = NumberFormat.getNumberInstance(locale);
			format.setMaximumFractionDigits(2);
			return format.format(value);
		}

		String value(String metric, BigDecimal value) {
			if (value == null) {
				return "–";
			}
			if (Set.of("revenue", "average_order_value", "revenue_attributed").contains(metric)) {
				NumberFormat format = NumberFormat.getNumberInstance(locale);
				format.setMinimumFractionDigits(2);
				format.setMaximumFractionDigits(2);
				return "¥" + format.format(value);
			}
			if ("retention_rate".equals(metric)) {
				return number(value) + "%";
			}
			return number(value);
		}

		String pct(BigDecimal pct) {
			if (pct == null) {
				return text("assistant.no-change-figure");
			}
			return (pct.signum() > 0 ? "+" : "") + number(pct) + "%";
		}
	}
}
