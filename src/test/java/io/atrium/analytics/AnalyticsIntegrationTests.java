package io.atrium.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.shared.CustomerId;
import io.atrium.shared.DateRange;
import io.atrium.tracking.MallDirectory;
import io.atrium.tracking.NewTouchpoint;
import io.atrium.tracking.Store;
import io.atrium.tracking.TouchpointBulkLoad;
import io.atrium.tracking.TouchpointRecorded;
import io.atrium.tracking.TouchpointsRecorded;
import io.atrium.tracking.Zone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Customer insights and campaign performance on a small hand-made mall whose figures are computed by hand
 * below. Each test owns a year no other test writes to (the database is shared by the JVM's tests).
 */
@SpringBootTest(properties = "atrium.clock.fixed=2013-06-16T10:00:00+08:00")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TouchpointBulkLoad bulkLoad;

	@Autowired
	MallDirectory directory;

	@Autowired
	AnalyticsRollups rollups;

	@Autowired
	AnalyticsReports reports;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	io.atrium.journey.CustomerJourneys journeys;

	@Autowired
	io.atrium.messaging.SendingMessages sending;

	final String suffix = UUID.randomUUID().toString().substring(0, 8);

	final String fashion = "S-AN-X-" + suffix;

	final String dining = "S-AN-Y-" + suffix;

	final String summer = "SUMMER2024-" + suffix;

	final String flash = "FLASH-" + suffix;

	final CustomerId a = CustomerId.random();

	final CustomerId b = CustomerId.random();

	final CustomerId c = CustomerId.random();

	final CustomerId d = CustomerId.random();

	final CustomerId p = CustomerId.random();

	final CustomerId q = CustomerId.random();

	@BeforeAll
	void loadsTheHandMadeMall() {
		directory.upsertZones(List.of(new Zone("Z-AN-" + suffix, "Analytics hall", "L1", "hall")));
		directory.upsertStores(List.of(new Store(fashion, "=HYPERLINK(1)", "fashion", "L1", "Z-AN-" + suffix, "101"),
				new Store(dining, "Noodles", "dining", "L1", "Z-AN-" + suffix, "102")));
		List<NewTouchpoint> rows = new ArrayList<>();
		// previous range 2011-02-22..2011-02-28
		rows.add(touch(a, "store_visit", "store", "2011-02-25T11:00", fashion, null, null));
		rows.add(touch(a, "purchase", "store", "2011-02-25T11:30", fashion, null, "200.00"));
		rows.add(touch(b, "store_visit", "store", "2011-02-26T15:00", dining, null, null));
		// range 2011-03-01..2011-03-07
		rows.add(touch(a, "store_visit", "store", "2011-03-02T12:00", fashion, null, null));
		rows.add(touch(a, "purchase", "store", "2011-03-02T12:30", fashion, null, "100.00"));
		rows.add(touch(c, "store_visit", "store", "2011-03-03T18:00", dining, null, null));
		rows.add(touch(c, "purchase", "store", "2011-03-03T18:30", dining, null, "50.00"));
		rows.add(touch(c, "purchase", "store", "2011-03-05T19:00", dining, null, "30.00"));
		rows.add(touch(d, "app_session", "app", "2011-03-07T23:30", null, null, null));
		// 00:30 on 8 March in Shanghai (still 7 March in UTC): outside the range
		rows.add(touch(d, "app_session", "app", "2011-03-08T00:30", null, null, null));
		// campaigns in May 2012
		rows.add(touch(p, "email_open", "email", "2012-05-10T10:00", null, summer, null));
		rows.add(touch(p, "sms_click", "sms", "2012-05-11T10:00", null, flash, null));
		rows.add(touch(p, "purchase", "store", "2012-05-12T10:00", fashion, null, "300.00"));
		rows.add(touch(q, "email_click", "email", "2012-05-01T10:00", null, summer, null));
		rows.add(touch(q, "purchase", "store", "2012-05-20T10:00", dining, null, "100.00"));
		bulkLoad.load(rows.iterator(), n -> {
		});
		assertThat(rollups.rebuild()).isGreaterThanOrEqualTo(rows.size());
	}

	static NewTouchpoint touch(CustomerId customer, String type, String channel, String shanghaiTime, String store,
			String campaign, String amount) {
		return new NewTouchpoint(null, customer, type, channel, shanghai(shanghaiTime), "analytics-test", null,
				campaign, store, null, amount == null ? null : new BigDecimal(amount), amount == null ? null : "CNY",
				null, null, null);
	}

	static Instant shanghai(String localDateTime) {
		return OffsetDateTime.parse(localDateTime + ":00+08:00").toInstant();
	}

	static final DateRange MARCH = DateRange.of(LocalDate.parse("2011-03-01"), LocalDate.parse("2011-03-07"));

	@Test
	void computesCustomerMetricsAsCountedByHand() {
		CustomerInsights insights = reports.customerInsights(MARCH, InsightsFilter.NONE, null);

		Map<String, Metric> m = insights.metrics();
		assertThat(insights.range().from()).isEqualTo("2011-03-01");
		assertThat(insights.previousRange().from()).isEqualTo("2011-02-22");
		assertThat(insights.previousRange().to()).isEqualTo("2011-02-28");
		assertThat(m.get("active_customers")).isEqualTo(metric("3", "2", "1", "50.0"));
		assertThat(m.get("new_customers")).isEqualTo(metric("2", "2", "0", "0.0"));
		assertThat(m.get("returning_customers")).isEqualTo(metric("1", "0", "1", null));
		assertThat(m.get("lapsed_customers")).isEqualTo(metric("1", "0", "1", null));
		assertThat(m.get("visits")).isEqualTo(metric("2", "2", "0", "0.0"));
		assertThat(m.get("purchases")).isEqualTo(metric("3", "1", "2", "200.0"));
		assertThat(m.get("revenue")).isEqualTo(metric("180.00", "200.00", "-20.00", "-10.0"));
		assertThat(m.get("average_order_value")).isEqualTo(metric("60.00", "200.00", "-140.00", "-70.0"));
		assertThat(m.get("purchase_frequency")).isEqualTo(metric("1.50", "1.00", "0.50", "50.0"));
		assertThat(m.get("retention_rate").value()).isEqualByComparingTo("50.0");
		assertThat(insights.topStores()).extracting(CustomerInsights.StoreFigures::storeId)
			.containsExactly(fashion, dining);
		assertThat(insights.topStores().get(0).revenue()).isEqualByComparingTo("100.00");
		assertThat(insights.topCategories()).extracting(CustomerInsights.CategoryFigures::category)
			.containsExactly("fashion", "dining");
		assertThat(insights.channelMix()).extracting(CustomerInsights.ChannelFigures::channel, CustomerInsights.ChannelFigures::touches)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("store", 5L), org.assertj.core.groups.Tuple.tuple("app", 1L));
		assertThat(insights.granularity()).isEqualTo("day");
		assertThat(insights.series()).hasSize(7);
		assertThat(insights.series().get(2).from()).isEqualTo("2011-03-03");
		assertThat(insights.series().get(2).revenue()).isEqualByComparingTo("50.00");
		assertThat(insights.series().get(3).activeCustomers()).isZero();
		assertThat(insights.series().get(6).activeCustomers()).isEqualTo(1);
		assertThat(insights.stageDistribution()).containsOnlyKeys("awareness", "consideration", "purchase", "retention",
				"advocacy");
	}

	@Test
	void filtersByStoreAndGroupsTheSeriesByWeek() throws Exception {
		mvc.perform(get("/api/analytics/customer-insights").param("from", "2011-03-01")
			.param("to", "2011-03-07")
			.param("store", fashion)
			.param("granularity", "week")
			.with(user("v").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.range.from").value("2011-03-01"))
			.andExpect(jsonPath("$.previous_range.to").value("2011-02-28"))
			.andExpect(jsonPath("$.filters.store").value(fashion))
			.andExpect(jsonPath("$.metrics.active_customers.value").value(1))
			.andExpect(jsonPath("$.metrics.revenue.value").value(100.00))
			.andExpect(jsonPath("$.metrics.revenue.previous").value(200.00))
			.andExpect(jsonPath("$.granularity").value("week"))
			.andExpect(jsonPath("$.series[0].from").value("2011-03-01"))
			.andExpect(jsonPath("$.series[0].revenue").value(100.00));
	}

	@Test
	void refusesBadFiltersNamingTheParameter() throws Exception {
		mvc.perform(get("/api/analytics/customer-insights").param("preset", "2w").with(user("v").roles("VIEWER")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("preset"));
		mvc.perform(get("/api/analytics/customer-insights").param("from", "2011-03-09").param("to", "2011-03-01")
			.with(user("v").roles("VIEWER"))).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("to"));
		mvc.perform(get("/api/analytics/customer-insights").param("segment_id", "vip").with(user("v").roles("VIEWER")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("segment_id"));
		mvc.perform(get("/api/analytics/campaign-performance").param("attribution", "magic")
			.with(user("v").roles("VIEWER"))).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("attribution"));
	}

	@Test
	void resolvesPresetsWithTheFixedClock() throws Exception {
		mvc.perform(get("/api/analytics/customer-insights").param("preset", "mtd").with(user("v").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.range.from").value("2013-06-01"))
			.andExpect(jsonPath("$.range.to").value("2013-06-16"))
			.andExpect(jsonPath("$.previous_range.from").value("2013-05-16"))
			.andExpect(jsonPath("$.previous_range.to").value("2013-05-31"))
			.andExpect(jsonPath("$.range.zone").value("Asia/Shanghai"));
	}

	@Test
	void exportsStoresAsCsvWithFormulasNeutralised() throws Exception {
		mvc.perform(get("/api/analytics/customer-insights").param("from", "2011-03-01")
			.param("to", "2011-03-07")
			.param("format", "csv")
			.param("table", "top_stores")
			.with(user("v").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andExpect(content().string(startsWith("store_id,name,category,touches,visits,purchases,revenue\r\n"
					+ fashion + ",'=HYPERLINK(1),fashion,2,1,1,100.00\r\n")));
	}

	@Test
	void attributesRevenueByEachModel() {
		DateRange may = DateRange.of(LocalDate.parse("2012-05-01"), LocalDate.parse("2012-05-31"));

		assertThat(revenue(may, AttributionModel.LAST_TOUCH, 7)).containsEntry(summer, "0.00").containsEntry(flash, "300.00");
		assertThat(revenue(may, AttributionModel.FIRST_TOUCH, 7)).containsEntry(summer, "300.00").containsEntry(flash, "0.00");
		assertThat(revenue(may, AttributionModel.LINEAR, 7)).containsEntry(summer, "150.00").containsEntry(flash, "150.00");
		assertThat(revenue(may, AttributionModel.TIME_DECAY, 7)).containsEntry(summer, "100.00").containsEntry(flash, "200.00");
		assertThat(revenue(may, AttributionModel.LAST_TOUCH, 30)).containsEntry(summer, "100.00").containsEntry(flash, "300.00");

		CampaignPerformance performance = reports.campaignPerformance(may, AttributionModel.LAST_TOUCH, 7, BigDecimal.ONE);
		CampaignPerformance.CampaignFigures summerFigures = performance.campaigns().stream()
			.filter(f -> f.campaignId().equals(summer)).findFirst().orElseThrow();
		assertThat(summerFigures.touches()).isEqualTo(2);
		assertThat(summerFigures.touchesByType()).containsEntry("email_open", 1L).containsEntry("email_click", 1L);
		assertThat(summerFigures.opened()).isEqualTo(1);
		assertThat(summerFigures.clicked()).isEqualTo(1);
		assertThat(summerFigures.customersReached()).isEqualTo(2);
		assertThat(summerFigures.converted()).isZero();
		assertThat(summerFigures.sent()).isNull();
		assertThat(performance.unavailable()).extracting(CustomerInsights.Unavailable::field).contains("sent", "cost");
	}

	private Map<String, String> revenue(DateRange range, AttributionModel model, int window) {
		Map<String, String> revenue = new java.util.HashMap<>();
		revenue.put(summer, "0.00");
		revenue.put(flash, "0.00");
		reports.campaignPerformance(range, model, window, BigDecimal.ONE)
			.campaigns()
			.stream()
			.filter(f -> f.campaignId().equals(summer) || f.campaignId().equals(flash))
			.forEach(f -> revenue.put(f.campaignId(), f.revenueAttributed().toPlainString()));
		return revenue;
	}

	@Test
	void foldsRecordedTouchpointsInOnceEvenWhenDeliveredTwice() {
		CustomerId e = CustomerId.random();
		DateRange day = DateRange.of(LocalDate.parse("2010-07-07"), LocalDate.parse("2010-07-07"));
		String store = "S-AN-E-" + suffix;
		directory.upsertStores(List.of(new Store(store, "Event store", "fashion", "L1", "Z-AN-" + suffix, "103")));
		TouchpointRecorded purchase = new TouchpointRecorded(UUID.randomUUID(), e, "purchase", "store",
				shanghai("2010-07-07T10:00"), new BigDecimal("42.50"), null, store);
		InsightsFilter filter = new InsightsFilter(store, null);

		transactions.executeWithoutResult(status -> events.publishEvent(TouchpointsRecorded.of(purchase)));

		await().untilAsserted(() -> assertThat(reports.customerInsights(day, filter, "day").metrics().get("revenue").value())
			.isEqualByComparingTo("42.50"));
		assertThat(rollups.apply(List.of(purchase))).isZero();
		assertThat(reports.customerInsights(day, filter, "day").metrics().get("purchases").value())
			.isEqualByComparingTo("1");
	}

	@Test
	void rebuildsHistoryLargerThanOneChunkOnceOnly() {
		String store = "S-AN-BULK-" + suffix;
		directory.upsertStores(List.of(new Store(store, "Bulk store", "dining", "L1", "Z-AN-" + suffix, "104")));
		int count = AnalyticsRollups.REBUILD_CHUNK + 100;
		List<NewTouchpoint> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(touch(CustomerId.random(), "purchase", "store", "2009-09-09T12:00", store, null, "1.00"));
		}
		bulkLoad.load(rows.iterator(), n -> {
		});
		DateRange day = DateRange.of(LocalDate.parse("2009-09-09"), LocalDate.parse("2009-09-09"));
		InsightsFilter filter = new InsightsFilter(store, null);

		assertThat(rollups.rebuild()).isGreaterThanOrEqualTo(count);
		rollups.rebuild();

		Map<String, Metric> metrics = reports.customerInsights(day, filter, null).metrics();
		assertThat(metrics.get("purchases").value()).isEqualByComparingTo(Integer.toString(count));
		assertThat(metrics.get("revenue").value()).isEqualByComparingTo(count + ".00");
		assertThat(metrics.get("new_customers").value()).isEqualByComparingTo(Integer.toString(count));
	}

	@Test
	void narrowsToASegmentsMembersAsCountedByHand() {
		InsightsFilter segment = new InsightsFilter(null, null, UUID.randomUUID(), List.of(a.value(), c.value()));

		CustomerInsights insights = reports.customerInsights(MARCH, segment, null);

		Map<String, Metric> m = insights.metrics();
		assertThat(insights.filters()).containsEntry("segment_id", segment.segmentId().toString());
		assertThat(m.get("active_customers")).isEqualTo(metric("2", "1", "1", "100.0"));
		assertThat(m.get("new_customers")).isEqualTo(metric("1", "1", "0", "0.0"));
		assertThat(m.get("returning_customers")).isEqualTo(metric("1", "0", "1", null));
		assertThat(m.get("lapsed_customers")).isEqualTo(metric("0", "0", "0", null));
		assertThat(m.get("purchases")).isEqualTo(metric("3", "1", "2", "200.0"));
		assertThat(m.get("revenue")).isEqualTo(metric("180.00", "200.00", "-20.00", "-10.0"));
		assertThat(m.get("retention_rate").value()).isEqualByComparingTo("100.0");
		assertThat(insights.topStores()).extracting(CustomerInsights.StoreFigures::storeId, CustomerInsights.StoreFigures::touches)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(fashion, 2L), org.assertj.core.groups.Tuple.tuple(dining, 3L));
		assertThat(insights.channelMix()).extracting(CustomerInsights.ChannelFigures::channel, CustomerInsights.ChannelFigures::touches)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("store", 5L));
		assertThat(insights.series().get(6).activeCustomers()).isZero();
	}

	@Test
	void refusesAnUnknownSegment() throws Exception {
		mvc.perform(get("/api/analytics/customer-insights").param("segment_id", UUID.randomUUID().toString())
			.with(user("v").roles("VIEWER"))).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("segment_id"));
	}

	@Test
	void countsJourneysByStageHealthAndChurnRiskAndTheirStageFlows() {
		CustomerId x = CustomerId.random();
		CustomerId y = CustomerId.random();
		transactions.executeWithoutResult(status -> events.publishEvent(new TouchpointsRecorded(List.of(
				new TouchpointRecorded(UUID.randomUUID(), x, "store_visit", "store", shanghai("2012-11-10T10:00"), null,
						null, null),
				new TouchpointRecorded(UUID.randomUUID(), x, "purchase", "store", shanghai("2012-11-10T10:30"),
						new BigDecimal("88.00"), null, null),
				new TouchpointRecorded(UUID.randomUUID(), y, "app_session", "app", shanghai("2012-11-11T10:00"), null,
						null, null)))));
		await().untilAsserted(() -> {
			assertThat(journeys.find(x)).isPresent();
			assertThat(journeys.find(y)).isPresent();
		});
		DateRange june = DateRange.of(LocalDate.parse("2012-11-01"), LocalDate.parse("2012-11-30"));
		InsightsFilter both = new InsightsFilter(null, null, UUID.randomUUID(), List.of(x.value(), y.value()));

		CustomerInsights insights = reports.customerInsights(june, both, null);

		Map<String, Long> stages = new java.util.HashMap<>();
		for (CustomerId customer : List.of(x, y)) {
			stages.merge(journeys.find(customer).orElseThrow().stage().code(), 1L, Long::sum);
		}
		assertThat(insights.journeys()).isEqualTo(2);
		assertThat(insights.stageDistribution()).containsAllEntriesOf(stages);
		assertThat(insights.stageDistribution().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
		assertThat(insights.healthDistribution()).hasSize(5);
		assertThat(insights.healthDistribution().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
		assertThat(insights.churnRiskDistribution()).hasSize(10);
		assertThat(insights.churnRiskDistribution().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
		assertThat(insights.stageFlows()).isNotEmpty();
		// each of the two entered a stage in November, and every flow is made by one or both of them
		assertThat(insights.stageFlows().stream().mapToLong(io.atrium.journey.CustomerJourneys.Flow::transitions).sum())
			.isGreaterThanOrEqualTo(2);
		assertThat(insights.stageFlows()).allSatisfy(flow -> assertThat(flow.customers()).isBetween(1L, 2L));
		assertThat(insights.unavailable()).isEmpty();
		// outside the range: no flows
		DateRange may = DateRange.of(LocalDate.parse("2012-10-01"), LocalDate.parse("2012-10-31"));
		assertThat(reports.customerInsights(may, both, null).stageFlows()).isEmpty();
	}

	@Test
	void countsMessagesPerChannelFromMessaging() {
		DateRange today = DateRange.of(LocalDate.parse("2013-06-16"), LocalDate.parse("2013-06-16"));
		long refusedBefore = refusedSms(today);

		io.atrium.messaging.Delivery delivery = sending.send(new io.atrium.messaging.OutboundMessage(
				"analytics-test:" + UUID.randomUUID(), CustomerId.random(), "sms", null, null, null));

		assertThat(delivery.status()).isEqualTo("refused");
		assertThat(refusedSms(today)).isEqualTo(refusedBefore + 1);
		DateRange before = DateRange.of(LocalDate.parse("2013-06-15"), LocalDate.parse("2013-06-15"));
		assertThat(reports.campaignPerformance(before, AttributionModel.LAST_TOUCH, 7, BigDecimal.ONE).messages()
			.stream()
			.filter(c -> c.channel().equals("sms"))
			.mapToLong(io.atrium.messaging.MessageStatistics.ChannelCounts::refused)
			.sum()).isZero();
		assertThat(reports.campaignPerformance(today, AttributionModel.LAST_TOUCH, 7, BigDecimal.ONE).workflows())
			.isNotNull();
	}

	private long refusedSms(DateRange range) {
		return reports.campaignPerformance(range, AttributionModel.LAST_TOUCH, 7, BigDecimal.ONE)
			.messages()
			.stream()
			.filter(c -> c.channel().equals("sms"))
			.mapToLong(io.atrium.messaging.MessageStatistics.ChannelCounts::refused)
			.sum();
	}

	private static Metric metric(String value, String previous, String change, String changePct) {
		return new Metric(new BigDecimal(value), new BigDecimal(previous), new BigDecimal(change),
				changePct == null ? null : new BigDecimal(changePct));
	}
}
