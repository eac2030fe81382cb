package io.atrium.assistant;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.atrium.analytics.AnalyticsRollups;
import io.atrium.demo.LoadingDemoMall;
import io.atrium.journey.JourneyRebuilding;
import io.atrium.platform.Jobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The assistant over a generated demo mall (300 members, fixed clock 2026-11-24 10:00 Shanghai, a database of its
 * own): the numbers in its answers are the analytics API's numbers for the same ranges, follow-ups reuse the
 * conversation, conversations belong to their owner, and bad input is a 4xx.
 */
@SpringBootTest(properties = { "atrium.database.embedded-directory=target/test-data/postgres-assistant",
		"atrium.clock.fixed=2026-11-24T10:00:00+08:00" })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssistantIntegrationTests {

	static final long SEED = 8L;

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	LoadingDemoMall loading;

	@Autowired
	AnalyticsRollups rollups;

	@Autowired
	JourneyRebuilding journeys;

	@Autowired
	Jobs jobs;

	@Autowired
	LiveVocabulary vocabulary;

	@BeforeAll
	void loadsASmallDemoMall() {
		if (!loading.demoCustomersExist()) {
			loading.loadNow(300, SEED, "test", view -> {
			});
		}
		rollups.rebuild();
		java.util.UUID job = journeys.rebuild("test").value();
		await().atMost(Duration.ofMinutes(3))
			.until(() -> jobs.find(job).orElseThrow().status().matches("succeeded|failed"));
		assertThat(jobs.find(job).orElseThrow().status()).isEqualTo("succeeded");
		vocabulary.refresh();
	}

	@Test
	void quotesTheRevenueOfCustomerInsightsForLastMonth() throws Exception {
		JsonNode reply = chat("analyst", "What was revenue last month?", null);
		JsonNode insights = body(get("/api/analytics/customer-insights?from=2026-10-01&to=2026-10-31"), "analyst");
		BigDecimal revenue = insights.at("/metrics/revenue/value").decimalValue();

		assertThat(reply.at("/interpretation/intent").stringValue()).isEqualTo("metric_value");
		assertThat(reply.at("/interpretation/date_range/from").stringValue()).isEqualTo("2026-10-01");
		assertThat(reply.at("/interpretation/date_range/to").stringValue()).isEqualTo("2026-10-31");
		assertThat(revenue).isPositive();
		assertThat(reply.at("/data/rows/0/3").decimalValue()).isEqualByComparingTo(revenue);
		assertThat(reply.at("/data/rows/0/4").decimalValue())
			.isEqualByComparingTo(insights.at("/metrics/revenue/previous").decimalValue());
		assertThat(reply.get("answer").stringValue()).contains("¥" + String.format(java.util.Locale.US, "%,.2f", revenue));
	}

	@Test
	void answersATrendWithoutAGroupingWithAChart() throws Exception {
		// found by the dashboard's browser test: a trend question without "by …" used to end in a 500
		JsonNode reply = chat("analyst", "revenue trend over the past 90 days", null);
		assertThat(reply.at("/interpretation/intent").stringValue()).isEqualTo("trend");
		assertThat(reply.at("/interpretation/metric").stringValue()).isEqualTo("revenue");
		assertThat(reply.at("/chart/labels").size()).isPositive();
	}

	@Test
	void quotesVisitsAndNewMembersForOtherRanges() throws Exception {
		JsonNode visits = chat("analyst", "How many visits in the past 14 days?", null);
		JsonNode insights = body(get("/api/analytics/customer-insights?from=2026-11-11&to=2026-11-24"), "analyst");
		assertThat(visits.at("/data/rows/0/3").decimalValue())
			.isEqualByComparingTo(insights.at("/metrics/visits/value").decimalValue());
		assertThat(visits.get("answer").stringValue())
			.contains(String.format(java.util.Locale.US, "%,d", insights.at("/metrics/visits/value").longValue()));

		JsonNode members = chat("marketer", "new members year to date", null);
		JsonNode ytd = body(get("/api/analytics/customer-insights?preset=ytd"), "marketer");
		assertThat(members.at("/interpretation/date_range/preset").stringValue()).isEqualTo("ytd");
		assertThat(members.at("/data/rows/0/3").decimalValue())
			.isEqualByComparingTo(ytd.at("/metrics/new_customers/value").decimalValue());
	}

	@Test
	void comparesTwoMonthsWithTheFiguresOfBothRanges() throws Exception {
		JsonNode reply = chat("analyst", "visits last month vs previous month", null);
		JsonNode october = body(get("/api/analytics/customer-insights?from=2026-10-01&to=2026-10-31"), "analyst");
		JsonNode september = body(get("/api/analytics/customer-insights?from=2026-09-01&to=2026-09-30"), "analyst");

		assertThat(reply.at("/interpretation/compare_to/from").stringValue()).isEqualTo("2026-09-01");
		assertThat(reply.at("/data/rows/0/3").decimalValue())
			.isEqualByComparingTo(october.at("/metrics/visits/value").decimalValue());
		assertThat(reply.at("/data/rows/1/3").decimalValue())
			.isEqualByComparingTo(september.at("/metrics/visits/value").decimalValue());
		assertThat(reply.at("/chart/type").stringValue()).isEqualTo("bar");
	}

	@Test
	void ranksStoresAsCustomerInsightsDoes() throws Exception {
		JsonNode reply = chat("analyst", "top 5 stores by revenue last month", null);
		JsonNode insights = body(get("/api/analytics/customer-insights?from=2026-10-01&to=2026-10-31"), "analyst");

		List<String> expectedIds = new ArrayList<>();
		List<BigDecimal> expectedRevenue = new ArrayList<>();
		for (int n = 0; n < 5; n++) {
			expectedIds.add(insights.at("/top_stores/" + n + "/store_id").stringValue());
			expectedRevenue.add(insights.at("/top_stores/" + n + "/revenue").decimalValue());
		}
		List<String> ids = new ArrayList<>();
		List<BigDecimal> revenue = new ArrayList<>();
		for (JsonNode row : reply.at("/data/rows")) {
			ids.add(row.get(1).stringValue());
			revenue.add(row.get(3).decimalValue());
		}
		assertThat(ids).isEqualTo(expectedIds);
		assertThat(revenue).usingElementComparator(BigDecimal::compareTo).isEqualTo(expectedRevenue);
		assertThat(reply.get("answer").stringValue()).contains(insights.at("/top_stores/0/name").stringValue());
	}

	@Test
	void breaksRevenueDownByChannelAsTheChannelMixDoes() throws Exception {
		JsonNode reply = chat("analyst", "revenue by channel last month", null);
		JsonNode insights = body(get("/api/analytics/customer-insights?from=2026-10-01&to=2026-10-31"), "analyst");
		java.util.Map<String, BigDecimal> expected = new java.util.TreeMap<>();
		for (JsonNode channel : insights.get("channel_mix")) {
			expected.put(channel.get("channel").stringValue(), channel.get("revenue").decimalValue().stripTrailingZeros());
		}
		java.util.Map<String, BigDecimal> actual = new java.util.TreeMap<>();
		for (JsonNode row : reply.at("/data/rows")) {
			actual.put(row.get(0).stringValue(), row.get(2).decimalValue().stripTrailingZeros());
		}
		assertThat(actual).isEqualTo(expected);
		assertThat(reply.at("/chart/type").stringValue()).isEqualTo("pie");
	}

	@Test
	void listsHighRiskCustomersAboveTheThresholdAndDraftsAWinBackSegment() throws Exception {
		JsonNode reply = chat("marketer", "Show me high-risk customers from last month", null);
		assertThat(reply.at("/interpretation/filters/churn_risk/gt").doubleValue()).isEqualTo(0.7);
		assertThat(reply.at("/interpretation/entity").stringValue()).isEqualTo("customers");
		List<Double> risks = new ArrayList<>();
		for (JsonNode row : reply.at("/data/rows")) {
			risks.add(row.get(4).doubleValue());
			JsonNode journey = body(get("/api/journey/{id}", row.get(0).stringValue()), "marketer");
			assertThat(journey.toString()).contains("churn");
		}
		assertThat(risks).isNotEmpty().allSatisfy(risk -> assertThat(risk).isGreaterThan(0.7));
		assertThat(risks).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		JsonNode count = chat("marketer", "how many high-risk customers were active last month", null);
		long matching = count.at("/data/rows/0/0").longValue();
		assertThat(reply.get("answer").stringValue()).startsWith(String.format(java.util.Locale.US, "%,d", matching));
		if (matching > 0) {
			JsonNode draft = reply.at("/recommendations/0/draft");
			assertThat(draft.get("path").stringValue()).isEqualTo("/api/segments");
			MvcResult preview = mvc.perform(post("/api/segments/preview").with(user("marketer").roles("MARKETER"))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"rule\": " + draft.at("/body/rule") + "}")).andReturn();
			assertThat(preview.getResponse().getStatus()).as(preview.getResponse().getContentAsString()).isEqualTo(200);
		}
	}

	@Test
	void listsTheMembersOfASegmentNamedInTheQuestion() throws Exception {
		JsonNode created = json.readTree(mvc.perform(post("/api/segments").with(user("marketer").roles("MARKETER"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Concierge picks\", \"type\": \"static\"}")).andReturn().getResponse().getContentAsByteArray());
		String segment = created.get("id").stringValue();
		MvcResult added = mvc.perform(post("/api/segments/{id}/members", segment).with(user("marketer").roles("MARKETER"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customer_ids\": [\"CUST001\", \"CUST002\", \"CUST003\"]}")).andReturn();
		assertThat(added.getResponse().getStatus()).as(added.getResponse().getContentAsString()).isLessThan(300);
		vocabulary.refresh();

		JsonNode reply = chat("marketer", "list customers in the Concierge picks segment", null);
		assertThat(reply.at("/interpretation/filters/segment").stringValue()).isEqualTo(segment);
		List<String> ids = new ArrayList<>();
		reply.at("/data/rows").forEach(row -> ids.add(row.get(0).stringValue()));
		assertThat(ids).isNotEmpty().isSubsetOf("CUST001", "CUST002", "CUST003");
	}

	@Test
	void answersAFollowUpWithTheConversationsContext() throws Exception {
		JsonNode first = chat("analyst", "What was revenue last month?", null);
		String conversation = first.get("conversation_id").stringValue();
		JsonNode second = chat("analyst", "and the month before?", conversation);
		JsonNode september = body(get("/api/analytics/customer-insights?from=2026-09-01&to=2026-09-30"), "analyst");

		assertThat(second.get("conversation_id").stringValue()).isEqualTo(conversation);
		assertThat(second.at("/interpretation/metric").stringValue()).isEqualTo("revenue");
		assertThat(second.at("/interpretation/date_range/from").stringValue()).isEqualTo("2026-09-01");
		assertThat(second.at("/data/rows/0/3").decimalValue())
			.isEqualByComparingTo(september.at("/metrics/revenue/value").decimalValue());

		JsonNode stored = body(get("/api/chat/conversations/{id}", conversation), "analyst");
		assertThat(stored.get("turns")).hasSize(2);
		assertThat(stored.at("/turns/1/interpretation/date_range/to").stringValue()).isEqualTo("2026-09-30");
		assertThat(body(get("/api/chat/conversations"), "analyst").get("items").toString()).contains(conversation);

		assertThat(status(get("/api/chat/conversations/{id}", conversation), "someone-else", "ANALYST")).isEqualTo(404);
		assertThat(status(post("/api/chat/chat").contentType(MediaType.APPLICATION_JSON)
			.content("{\"query\": \"and this week?\", \"conversation_id\": \"" + conversation + "\"}"), "someone-else",
				"MARKETER")).isEqualTo(404);
	}

	@Test
	void saysWhichTermsItDidNotUnderstandAndWhatItCanAnswer() throws Exception {
		JsonNode reply = chat("analyst", "What is the weather forecast?", null);
		assertThat(reply.at("/interpretation/intent").stringValue()).isEqualTo("unknown");
		assertThat(reply.at("/interpretation/unknown_terms").toString()).contains("weather", "forecast");
		assertThat(reply.get("answer").stringValue()).contains("weather").contains("top 10 stores by revenue");
	}

	@Test
	void answersInChineseWhenAskedInTheChineseLocale() throws Exception {
		MvcResult result = mvc.perform(post("/api/chat/chat").with(user("analyst").roles("ANALYST"))
			.with(csrf())
			.header("Accept-Language", "zh-CN")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"query\": \"revenue last month\"}")).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		String answer = json.readTree(result.getResponse().getContentAsByteArray()).get("answer").stringValue();
		assertThat(answer).contains("营收").contains("2026-10-01");
	}

	@Test
	void refusesViewersBlankAndOverlongQuestions() throws Exception {
		assertThat(status(post("/api/chat/chat").contentType(MediaType.APPLICATION_JSON).content("{\"query\": \"revenue\"}"),
				"viewer", "VIEWER")).isEqualTo(403);
		MvcResult blank = mvc.perform(post("/api/chat/chat").with(user("analyst").roles("ANALYST"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"query\": \"   \"}")).andReturn();
		assertThat(blank.getResponse().getStatus()).isEqualTo(422);
		assertThat(blank.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(status(post("/api/chat/chat").contentType(MediaType.APPLICATION_JSON)
			.content("{\"query\": \"" + "revenue ".repeat(100) + "\"}"), "analyst", "ANALYST")).isEqualTo(422);
		assertThat(status(post("/api/chat/chat").contentType(MediaType.APPLICATION_JSON)
			.content("{\"query\": \"revenue\", \"conversation_id\": \"not-a-uuid\"}"), "analyst", "ANALYST"))
			.isEqualTo(422);
	}

	JsonNode chat(String username, String query, String conversation) throws Exception {
		String body = conversation == null ? json.writeValueAsString(java.util.Map.of("query", query))
				: json.writeValueAsString(java.util.Map.of("query", query, "conversation_id", conversation));
		MvcResult result = mvc.perform(post("/api/chat/chat").with(user(username).roles(role(username)))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		return json.readTree(result.getResponse().getContentAsByteArray());
	}

	JsonNode body(MockHttpServletRequestBuilder request, String username) throws Exception {
		MvcResult result = mvc.perform(request.with(user(username).roles(role(username)))).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		return json.readTree(result.getResponse().getContentAsByteArray());
	}

	int status(MockHttpServletRequestBuilder request, String username, String role) throws Exception {
		return mvc.perform(request.with(user(username).roles(role)).with(csrf())).andReturn().getResponse().getStatus();
	}

	static String role(String username) {
		return switch (username) {
			case "marketer" -> "MARKETER";
			case "viewer" -> "VIEWER";
			default -> "ANALYST";
		};
	}
}
