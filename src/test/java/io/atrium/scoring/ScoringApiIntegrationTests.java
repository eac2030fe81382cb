package io.atrium.scoring;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.atrium.customer.IdentifyingCustomers;
import io.atrium.platform.JobId;
import io.atrium.platform.JobView;
import io.atrium.platform.Jobs;
import io.atrium.shared.CustomerId;
import io.atrium.tracking.NewTouchpoint;
import io.atrium.tracking.TouchpointBulkLoad;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class ScoringApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IdentifyingCustomers customers;

	@Autowired
	ScoringManagement scoring;

	@Autowired
	ApplicationEvents events;

	@Autowired
	TouchpointBulkLoad bulkLoad;

	@Autowired
	ScoringJobs scoringJobs;

	@Autowired
	Jobs jobs;

	@Autowired
	LeadScores leadScores;

	@Test
	void scoresTrackedTouchpointsAndExplainsTheScore() throws Exception {
		String customer = trackedCustomer("purchase", "store_visit", "email_click", "app_session");

		JsonNode scored = body(perform(post("/api/scoring/score"), "MARKETER", """
				{"customer_id": "%s"}""".formatted(customer)).andExpect(status().isOk())
			.andExpect(jsonPath("$.customer_id").value(customer))
			.andExpect(jsonPath("$.composite_score").isNumber())
			.andExpect(jsonPath("$.lead_quality").isString())
			.andExpect(jsonPath("$.score_breakdown.behavioral").isNumber())
			.andExpect(jsonPath("$.score_breakdown.demographic").isNumber())
			.andExpect(jsonPath("$.score_breakdown.engagement").isNumber())
			.andExpect(jsonPath("$.top_factors[0].factor").isString())
			.andExpect(jsonPath("$.recommendations[0]").isString())
			.andExpect(jsonPath("$.config_version").isNumber()));
		assertThat(scored.get("score_breakdown").get("behavioral").doubleValue()).isGreaterThan(0);
		assertThat(scored.get("composite_score").doubleValue()).isBetween(0.0, 100.0);

		JsonNode insights = body(perform(get("/api/scoring/insights/{id}", customer), "VIEWER", null)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.scored").value(true)));
		assertThat(insights.get("composite_score").doubleValue()).isEqualTo(scored.get("composite_score").doubleValue(),
				org.assertj.core.data.Offset.offset(0.01));
		assertThat(insights.get("history").get("items").size()).isGreaterThan(0);
		assertThat(insights.get("attribution").toString()).contains("touchpoint");
	}

	@Test
	void rebuildsActivityAndScoresFromBulkLoadedHistoryAsAJob() throws Exception {
		CustomerId id = customers.identify(customerId(), null, java.util.Map.of("has_car", true), "test");
		java.time.Instant now = java.time.Instant.now();
		List<NewTouchpoint> history = new java.util.ArrayList<>();
		for (int i = 0; i < 6; i++) {
			boolean purchase = i % 2 == 0;
			history.add(new NewTouchpoint(null, id, purchase ? "purchase" : "store_visit", "store",
					now.minus(Duration.ofDays(i + 1L)), "bulk-test", "bulk-" + id.value() + "-" + i, null, null, null,
					purchase ? new BigDecimal("250.00") : null, purchase ? "CNY" : null, null, null, null));
		}
		bulkLoad.load(history.iterator(), count -> {
		});
		assertThat(activityOf(id)).as("a bulk load publishes no TouchpointsRecorded").isZero();

		JobId job = scoringJobs.rebuild("test");
		await().atMost(Duration.ofMinutes(2)).until(() -> jobs.find(job.value()).map(JobView::finished).orElse(false));
		JobView view = jobs.find(job.value()).orElseThrow();
		assertThat(view.status()).as(String.valueOf(view.message())).isEqualTo("succeeded");
		assertThat(((Number) view.result().get("customers")).longValue()).isPositive();

		assertThat(activityOf(id)).isEqualTo(6);
		assertThat(jdbc.sql("select sum(amount) from scoring_activity where customer_id = :id")
			.param("id", id.value()).query(BigDecimal.class).single()).isEqualByComparingTo("750.00");
		LeadScores.ScoreRow row = leadScores.find(id).orElseThrow();
		assertThat(row.value("behavioral")).isPositive();
		assertThat(leadScores.ledgerSums(id)).allSatisfy((kind, sum) -> assertThat(sum).as(kind)
			.isEqualByComparingTo(row.value(kind)));
		assertThat(leadScores.history(id, null, 50)).isNotEmpty()
			.allSatisfy(entry -> assertThat(entry.cause()).isEqualTo("rescore"))
			.anySatisfy(entry -> assertThat(entry.causeRef()).isEqualTo("rebuild"));
	}

	long activityOf(CustomerId id) {
		return jdbc.sql("select coalesce(sum(events), 0) from scoring_activity where customer_id = :id")
			.param("id", id.value())
			.query(Long.class)
			.single();
	}

	@Test
	void qualifiesWithTheRuleThatDecidedAndPublishesTheChange() throws Exception {
		CustomerId id = customers.identify(customerId(), null,
				java.util.Map.of("has_car", true, "lifetime_spend_cny", 80000, "preferred_category", "luxury"), "test");
		String customer = jdbc.sql("select external_id from customer where id = :id")
			.param("id", id.value())
			.query(String.class)
			.single();
		for (int i = 0; i < 20; i++) {
			scoring.record(ScoringLedgerIntegrationTests.touchpoint(id, i % 2 == 0 ? "purchase" : "email_click", i));
		}
		perform(post("/api/scoring/qualify"), "MARKETER", """
				{"customer_id": "%s"}""".formatted(customer)).andExpect(status().isOk())
			.andExpect(jsonPath("$.qualification").value("sql"))
			.andExpect(jsonPath("$.rule").value("sql-composite-and-behavior"))
			.andExpect(jsonPath("$.thresholds.sql").value(75.0));
		assertThat(events.stream(LeadQualified.class).filter(event -> event.customerId().equals(id)))
			.anySatisfy(event -> assertThat(event.qualification()).isEqualTo("sql"));
		assertThat(jdbc.sql("select count(*) from lead_qualification where customer_id = :id and qualification = 'sql'")
			.param("id", id.value())
			.query(Long.class)
			.single()).isEqualTo(1L);
	}

	@Test
	void refusesBadRequestsAndUnknownCustomersWithProblems() throws Exception {
		perform(post("/api/scoring/score"), "ADMIN", "{}").andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.errors[0].field").value("customer_id"));
		perform(post("/api/scoring/score"), "ADMIN", """
				{"customer_id": "NOBODY-%s"}""".formatted(UUID.randomUUID())).andExpect(status().isNotFound());
		perform(post("/api/scoring/score"), "VIEWER", """
				{"customer_id": "CUST001"}""").andExpect(status().isForbidden());
		perform(get("/api/scoring/dashboard").param("preset", "2w"), "VIEWER", null)
			.andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.errors[0].field").value("preset"));
		perform(get("/api/scoring/insights/{id}", "NOBODY-" + UUID.randomUUID()), "VIEWER", null)
			.andExpect(status().isNotFound());
		perform(get("/api/scoring/models/{v}", 987654), "VIEWER", null).andExpect(status().isNotFound());
		perform(post("/api/scoring/models/train"), "MARKETER", """
				{"algorithm": "deep_learning"}""").andExpect(status().isUnprocessableEntity());
	}

	@Test
	void showsTheDashboardForARange() throws Exception {
		trackedCustomer("purchase");
		perform(get("/api/scoring/dashboard").param("preset", "7d"), "ANALYST", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.range.from").isString())
			.andExpect(jsonPath("$.previous_range.to").isString())
			.andExpect(jsonPath("$.distribution.customers").isNumber())
			.andExpect(jsonPath("$.distribution.composite_histogram.length()").value(10))
			.andExpect(jsonPath("$.qualification.current.mql").isNumber())
			.andExpect(jsonPath("$.qualification.flow.new_mql").isNumber())
			.andExpect(jsonPath("$.top_movers.up").isArray())
			.andExpect(jsonPath("$.model_health.status").isString());
		perform(get("/api/scoring/dashboard").param("from", "2026-11-01").param("to", "2026-10-01"), "ANALYST", null)
			.andExpect(status().isUnprocessableEntity());
	}

	@Test
	void refusesAnInvalidConfigurationAndKeepsTheVersion() throws Exception {
		JsonNode before = body(perform(get("/api/scoring/config"), "VIEWER", null).andExpect(status().isOk()));
		String broken = before.get("config").toString().replace("\"hot\":80.0", "\"hot\":180.0");
		assertThat(broken).contains("180.0");
		perform(put("/api/scoring/config"), "ADMIN", broken).andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.errors[0].field").value("quality"));
		perform(put("/api/scoring/config"), "MARKETER", before.get("config").toString())
			.andExpect(status().isForbidden());
		JsonNode after = body(perform(get("/api/scoring/config"), "VIEWER", null).andExpect(status().isOk()));
		assertThat(after.get("version").intValue()).isEqualTo(before.get("version").intValue());
	}

	private String trackedCustomer(String... types) throws Exception {
		String customer = customerId();
		for (String type : types) {
			perform(post("/api/journey/touchpoints/track"), "MARKETER", """
					{"customer_id": "%s", "touchpoint_type": "%s"%s}""".formatted(customer, type,
					"purchase".equals(type) ? ", \"metadata\": {\"amount\": 388.00}" : ""))
				.andExpect(status().isCreated());
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("""
					select coalesce(sum(a.events), 0) from scoring_activity a join customer c on c.id = a.customer_id
					where c.external_id = :external
					""").param("external", customer).query(Long.class).single() == types.length);
		return customer;
	}

	private ResultActions perform(MockHttpServletRequestBuilder request, String role, String body) throws Exception {
		request.with(user("tester").roles(role)).with(csrf());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return mvc.perform(request);
	}

	private JsonNode body(ResultActions actions) throws Exception {
		return json.readTree(actions.andReturn().getResponse().getContentAsString());
	}

	private static String customerId() {
		return "SCAPI-" + UUID.randomUUID().toString().substring(0, 12);
	}
}
