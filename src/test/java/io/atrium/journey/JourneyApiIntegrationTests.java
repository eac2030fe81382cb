package io.atrium.journey;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.customer.CustomersMerged;
import io.atrium.customer.IdentifyingCustomers;
import io.atrium.shared.CustomerId;
import io.atrium.tracking.NewTouchpoint;
import io.atrium.tracking.TouchpointBulkLoad;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(properties = "atrium.clock.fixed=2026-11-24T10:00:00+08:00")
@AutoConfigureMockMvc
class JourneyApiIntegrationTests {

	static final Instant NOW = OffsetDateTime.parse("2026-11-24T10:00:00+08:00").toInstant();

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IdentifyingCustomers customers;

	@Autowired
	TouchpointBulkLoad bulkLoad;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEventPublisher publisher;

	@Test
	void walksACustomerThroughAllFiveStagesAndExplainsTheScores() throws Exception {
		String customer = "JRN-" + UUID.randomUUID();
		track(customer, "website_visit", 30, "{}");
		awaitStage(customer, "awareness");
		track(customer, "store_visit", 29, "{}");
		awaitStage(customer, "consideration");
		track(customer, "purchase", 28, "{\"amount\": 300}");
		awaitStage(customer, "purchase");
		track(customer, "purchase", 10, "{\"amount\": 120}");
		awaitStage(customer, "retention");
		track(customer, "review", 9, "{\"rating\": 5, \"text\": \"great\"}");
		JsonNode journey = awaitStage(customer, "advocacy");

		assertThat(journey.get("stage_history").findValuesAsString("reason")).containsExactly("first_touchpoint",
				"mall_visits", "first_purchase", "repeat_purchase_within_window",
				"positive_review_or_referral_with_repeat_purchases");
		assertThat(journey.get("stage_history").get(4).get("reason_text").stringValue()).contains("review");
		assertThat(journey.get("stage_history").get(1).get("touchpoint_id").stringValue()).isNotBlank();
		assertThat(journey.at("/touchpoint_summary/total").asInt()).isEqualTo(5);
		assertThat(journey.at("/touchpoint_summary/by_type").findValuesAsString("name")).contains("purchase",
				"review", "store_visit", "website_visit");
		assertThat(journey.at("/touchpoint_summary/by_channel").findValuesAsString("name")).contains("store", "web");
		assertThat(journey.at("/churn_risk/model").stringValue()).isEqualTo("rule-based-logistic/1");
		assertThat(journey.at("/momentum/label").stringValue()).isIn("accelerating", "steady", "declining");
		assertThat(journey.get("recommendations")).isNotEmpty();
		assertThat(journey.get("recommendations").get(0).get("urgency").stringValue()).isIn("high", "medium", "low");
		assertBreakdownSumsToScore(journey);

		String lapsed = "JRN-" + UUID.randomUUID();
		track(lapsed, "purchase", 200, "{\"amount\": 80}");
		JsonNode down = awaitStage(lapsed, "awareness");
		assertThat(down.get("stage_history").findValuesAsString("reason")).containsExactly("first_purchase", "lapsed",
				"dormant");
		assertThat(down.get("stage_history").get(1).has("touchpoint_id")).isFalse();
		assertBreakdownSumsToScore(down);
		assertThat(down.at("/health/score").asInt()).isLessThan(journey.at("/health/score").asInt());
		assertThat(down.at("/churn_risk/probability").asDouble())
			.isGreaterThan(journey.at("/churn_risk/probability").asDouble());
		assertThat(down.at("/churn_risk/level").stringValue()).isEqualTo("high");
	}

	@Test
	void raisesOneAlertWhenCrossingIntoHighRiskAndLetsEditorsAcknowledgeIt() throws Exception {
		String customer = "JRN-" + UUID.randomUUID();
		track(customer, "store_visit", 150, "{}");
		awaitStage(customer, "consideration");
		track(customer, "website_visit", 149, "{}");
		await().until(() -> body(get("/api/journey/{id}", customer)).at("/touchpoint_summary/total").asInt() == 2);

		List<JsonNode> mine = alertsOf(customer, "/api/journey/alerts?min_risk=0.7&limit=500&from=2026-11-24&to=2026-11-24");
		assertThat(mine).hasSize(1);
		assertThat(mine.get(0).get("level").stringValue()).isEqualTo("high");
		assertThat(mine.get(0).get("model").stringValue()).isEqualTo("rule-based-logistic/1");
		String alertId = mine.get(0).get("id").stringValue();

		mvc.perform(post("/api/journey/alerts/{id}/acknowledge", alertId).with(user("v").roles("VIEWER")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/journey/alerts/{id}/acknowledge", alertId).with(user("m").roles("MARKETER")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("acknowledged"))
			.andExpect(jsonPath("$.acknowledged_by").value("m"));
		assertThat(alertsOf(customer, "/api/journey/alerts?limit=500")).isEmpty();
		assertThat(alertsOf(customer, "/api/journey/alerts?status=acknowledged&limit=500")).hasSize(1);
		mvc.perform(post("/api/journey/alerts/{id}/acknowledge", UUID.randomUUID()).with(user("a").roles("ADMIN"))
			.with(csrf())).andExpect(status().isNotFound());
		mvc.perform(get("/api/journey/alerts?min_risk=2").with(user("v").roles("VIEWER")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("min_risk"));
	}

	@Test
	void predictsNextStageProbabilitiesThatSumToOne() throws Exception {
		String customer = "JRN-" + UUID.randomUUID();
		track(customer, "store_visit", 3, "{}");
		awaitStage(customer, "consideration");

		JsonNode prediction = body(get("/api/journey/{id}/predict-next-stage?horizon_days=60", customer));

		assertThat(prediction.get("current_stage").stringValue()).isEqualTo("consideration");
		assertThat(prediction.get("horizon_days").asInt()).isEqualTo(60);
		double sum = 0;
		List<String> outcomes = new ArrayList<>();
		for (JsonNode outcome : prediction.get("probabilities")) {
			sum += outcome.get("probability").asDouble();
			outcomes.add(outcome.get("stage").stringValue());
		}
		assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(outcomes).containsExactlyInAnyOrder("awareness", "purchase", "retention", "advocacy", "stay");
		for (JsonNode outcome : prediction.get("probabilities")) {
			if ("stay".equals(outcome.get("stage").stringValue())) {
				assertThat(outcome.has("expected_days")).as("staying has no time to transition").isFalse();
			}
		}
		assertThat(prediction.at("/basis/model").stringValue()).isEqualTo("semi-markov-dwell-time/1");
		assertThat(prediction.at("/basis/sample_size").asLong()).isGreaterThanOrEqualTo(0);
		assertThat(prediction.at("/basis/fallback").asBoolean()
				|| prediction.at("/basis/recently_active").asBoolean()).isTrue();
		mvc.perform(get("/api/journey/{id}/predict-next-stage?horizon_days=0", customer).with(user("v").roles("VIEWER")))
			.andExpect(status().isUnprocessableContent());
		mvc.perform(get("/api/journey/{id}", "NO-SUCH-" + UUID.randomUUID()).with(user("v").roles("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("journey-not-found")));
	}

	@Test
	void describesJourneyPatternsOfAllCustomersAndRefusesUnknownSegments() throws Exception {
		String customer = "JRN-" + UUID.randomUUID();
		track(customer, "purchase", 5, "{\"amount\": 99}");
		awaitStage(customer, "purchase");

		JsonNode patterns = body(get("/api/journey/segment/all/journey-patterns"));

		assertThat(patterns.get("customers").asLong()).isPositive();
		assertThat(patterns.get("stage_distribution").findValuesAsString("stage")).containsExactly("awareness",
				"consideration", "purchase", "retention", "advocacy");
		assertThat(patterns.get("funnel").get(0).get("reached").asLong()).isEqualTo(patterns.get("customers").asLong());
		assertThat(patterns.get("most_common_paths")).isNotEmpty();
		assertThat(patterns.at("/comparison/baseline").stringValue()).isEqualTo("all");
		mvc.perform(get("/api/journey/segment/{id}/journey-patterns", "vip").with(user("v").roles("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("segment-not-found")));
		mvc.perform(get("/api/journey/segment/{id}/journey-patterns", UUID.randomUUID()).with(user("v").roles("VIEWER")))
			.andExpect(status().isNotFound());
	}

	@Test
	void describesTheJourneyPatternsOfASegmentBesideAllCustomers() throws Exception {
		String buyer = "JRN-" + UUID.randomUUID();
		track(buyer, "purchase", 5, "{\"amount\": 99}");
		awaitStage(buyer, "purchase");
		JsonNode segment = json.readTree(mvc.perform(post("/api/segments").with(user("m").roles("MARKETER"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Patterns " + buyer + "\", \"type\": \"static\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString());
		String id = segment.get("id").stringValue();
		mvc.perform(post("/api/segments/{id}/members", id).with(user("m").roles("MARKETER"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customer_ids\": [\"" + buyer + "\"]}")).andExpect(status().isOk());

		JsonNode patterns = body(get("/api/journey/segment/" + id + "/journey-patterns"));

		assertThat(patterns.get("customers").asLong()).isEqualTo(1);
		assertThat(patterns.get("stage_distribution").get(2).get("customers").asLong()).isEqualTo(1);
		assertThat(patterns.at("/comparison/customers").asLong()).isGreaterThan(1);
	}

	@Test
	void storesConfigurationVersionsForAdminsOnly() throws Exception {
		JsonNode current = body(get("/api/journey/config"));
		int version = current.get("version").asInt();
		String config = json.writeValueAsString(current.get("config"));

		mvc.perform(put("/api/journey/config").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(config)).andExpect(status().isForbidden());
		String invalid = config.replaceFirst("\"lapse_days\":\\d+", "\"lapse_days\":0")
			.replaceFirst("\"high_threshold\":[0-9.]+", "\"high_threshold\":1.5");
		mvc.perform(put("/api/journey/config").with(user("a").roles("ADMIN")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(invalid))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("stages.lapse_days",
					"churn.high_threshold")));
		assertThat(body(get("/api/journey/config")).get("version").asInt()).isEqualTo(version);

		mvc.perform(put("/api/journey/config").with(user("a").roles("ADMIN")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(config))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(version + 1))
			.andExpect(jsonPath("$.created_by").value("a"))
			.andExpect(jsonPath("$.config.stages.lapse_days").value(current.at("/config/stages/lapse_days").asInt()));
	}

	@Test
	void rebuildsJourneysFromBulkLoadedHistory() throws Exception {
		String external = "JRN-" + UUID.randomUUID();
		CustomerId id = customers.resolveOrCreate(List.of(external), "test").get(external);
		List<NewTouchpoint> history = List.of(bulk(id, "store_visit", 40, null, null),
				bulk(id, "purchase", 39, "200", null), bulk(id, "purchase", 20, "150", null),
				bulk(id, "review", 19, null, 2));
		transactions.executeWithoutResult(s -> bulkLoad.load(history.iterator(), n -> {
		}));
		mvc.perform(get("/api/journey/{id}", external).with(user("v").roles("VIEWER"))).andExpect(status().isNotFound());

		mvc.perform(post("/api/journey/recompute").with(user("m").roles("MARKETER")).with(csrf()))
			.andExpect(status().isForbidden());
		JsonNode started = json.readTree(mvc.perform(post("/api/journey/recompute").with(user("a").roles("ADMIN"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mode\": \"rebuild\"}")).andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString());
		String job = started.get("job_id").stringValue();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> body(get("/api/jobs/{id}", job)).get("status").stringValue().matches("succeeded|failed"));
		assertThat(body(get("/api/jobs/{id}", job)).get("status").stringValue()).isEqualTo("succeeded");

		JsonNode journey = body(get("/api/journey/{id}", external));
		assertThat(journey.get("stage").stringValue()).isEqualTo("retention");
		assertThat(journey.get("stage_history").findValuesAsString("reason")).containsExactly("mall_visits",
				"first_purchase", "repeat_purchase_within_window");
		assertThat(journey.at("/touchpoint_summary/total").asInt()).isEqualTo(4);
	}

	@Test
	void foldsAMergedProfilesJourneyIntoTheSurvivor() throws Exception {
		String survivor = "JRN-" + UUID.randomUUID();
		String merged = "JRN-" + UUID.randomUUID();
		track(survivor, "purchase", 10, "{\"amount\": 60}");
		awaitStage(survivor, "purchase");
		track(merged, "purchase", 5, "{\"amount\": 40}");
		awaitStage(merged, "purchase");
		CustomerId survivorId = customers.findByExternalId(survivor).orElseThrow();
		CustomerId mergedId = customers.findByExternalId(merged).orElseThrow();

		transactions.executeWithoutResult(s -> publisher.publishEvent(new CustomersMerged(mergedId, survivorId)));

		JsonNode journey = awaitStage(survivor, "retention");
		assertThat(journey.at("/touchpoint_summary/total").asInt()).isEqualTo(2);
		assertThat(journey.at("/touchpoint_summary/purchases").asInt()).isEqualTo(2);
		assertThat(journey.get("stage_history").findValuesAsString("reason")).containsExactly("first_purchase",
				"profiles_merged");
		assertThat(jdbc.sql("select count(*) from customer_journey where customer_id = :id")
			.param("id", mergedId.value())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void rescoresEveryJourneyAsAJob() throws Exception {
		String customer = "JRN-" + UUID.randomUUID();
		track(customer, "store_visit", 2, "{}");
		awaitStage(customer, "consideration");
		JsonNode started = json.readTree(mvc.perform(post("/api/journey/recompute").with(user("a").roles("ADMIN"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mode\": \"rescore\"}")).andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString());
		String job = started.get("job_id").stringValue();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> body(get("/api/jobs/{id}", job)).get("status").stringValue().matches("succeeded|failed"));
		JsonNode done = body(get("/api/jobs/{id}", job));
		assertThat(done.get("status").stringValue()).isEqualTo("succeeded");
		assertThat(done.at("/result/customers").asLong()).isPositive();
		mvc.perform(post("/api/journey/recompute").with(user("a").roles("ADMIN")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mode\": \"everything\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("mode"));
	}

	@Test
	void answersBadInputWithProblemsAndNeverAServerError() throws Exception {
		int version = body(get("/api/journey/config")).get("version").asInt();
		for (String bad : List.of("{}", "[]", "not json", "{\"stages\": \"x\"}",
				"{\"stages\": {\"lapse_days\": \"abc\"}}", "{\"churn\": {\"high_threshold\": \"NaN\"}}", "null")) {
			int status = mvc.perform(put("/api/journey/config").with(user("a").roles("ADMIN")).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(bad)).andReturn().getResponse().getStatus();
			assertThat(status).as(bad).isBetween(400, 499);
		}
		assertThat(body(get("/api/journey/config")).get("version").asInt()).isEqualTo(version);
		for (String query : List.of("min_risk=abc", "limit=0", "limit=501", "cursor=garbage", "from=2026-13-01",
				"status=closed", "from=2026-11-24&to=2026-11-01")) {
			mvc.perform(get("/api/journey/alerts?" + query).with(user("v").roles("VIEWER")))
				.andExpect(status().is4xxClientError())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
					.contentTypeCompatibleWith("application/problem+json"));
		}
		mvc.perform(get("/api/journey/{id}/predict-next-stage?horizon_days=abc", "X").with(user("v").roles("VIEWER")))
			.andExpect(status().is4xxClientError());
		mvc.perform(post("/api/journey/alerts/{id}/acknowledge", "not-a-uuid").with(user("a").roles("ADMIN"))
			.with(csrf())).andExpect(status().isNotFound());
	}

	private NewTouchpoint bulk(CustomerId id, String type, int daysAgo, String amount, Integer rating) {
		return new NewTouchpoint(UUID.randomUUID(), id, type, "purchase".equals(type) ? "store" : "web",
				NOW.minus(Duration.ofDays(daysAgo)), "test", null, null, null, null,
				amount == null ? null : new BigDecimal(amount), amount == null ? null : "CNY", rating, null, Map.of());
	}

	private List<JsonNode> alertsOf(String customer, String url) throws Exception {
		List<JsonNode> mine = new ArrayList<>();
		for (JsonNode alert : body(get(url)).get("items")) {
			if (customer.equals(alert.get("customer_id").stringValue())) {
				mine.add(alert);
			}
		}
		return mine;
	}

	private void assertBreakdownSumsToScore(JsonNode journey) {
		int sum = 0;
		for (JsonNode factor : journey.at("/health/factors")) {
			sum += factor.get("points").asInt();
		}
		assertThat(sum).isEqualTo(journey.at("/health/score").asInt());
	}

	private JsonNode awaitStage(String customer, String stage) throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			ResultActions result = mvc.perform(get("/api/journey/{id}", customer).with(user("v").roles("VIEWER")));
			if (result.andReturn().getResponse().getStatus() != 200) {
				return false;
			}
			return stage.equals(json.readTree(result.andReturn().getResponse().getContentAsString()).get("stage").stringValue());
		});
		return body(get("/api/journey/{id}", customer));
	}

	private void track(String customer, String type, int daysAgo, String metadata) throws Exception {
		String occurred = OffsetDateTime.ofInstant(NOW.minus(Duration.ofDays(daysAgo)), ZoneOffset.ofHours(8)).toString();
		mvc.perform(post("/api/journey/touchpoints/track").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"customer_id": "%s", "touchpoint_type": "%s", "occurred_at": "%s", "metadata": %s}
					""".formatted(customer, type, occurred, metadata)))
			.andExpect(status().isCreated());
	}

	private JsonNode body(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
			throws Exception {
		String content = mvc.perform(request.with(user("v").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return json.readTree(content);
	}
}
