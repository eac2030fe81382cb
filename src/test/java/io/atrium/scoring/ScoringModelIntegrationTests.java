package io.atrium.scoring;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.atrium.customer.CustomerBulkLoad;
import io.atrium.customer.CustomerBulkLoad.NewCustomer;
import io.atrium.demo.MallCustomer;
import io.atrium.demo.MallTouchpoint;
import io.atrium.demo.SyntheticMall;
import io.atrium.platform.JobView;
import io.atrium.platform.Jobs;
import io.atrium.shared.CustomerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
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

/**
 * Models trained through the API: on a mall's own imported history with a known outcome column, and on the
 * generated mall against the rule-only score. Figures are printed for docs/ML.md.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ScoringModelIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CustomerBulkLoad customers;

	@Autowired
	ScoringHistory history;

	@Autowired
	Jobs jobs;

	@Autowired
	Clock clock;

	@AfterEach
	void leaveNoModelActive() {
		jdbc.sql("update scoring_model set active = false where active").update();
	}

	@Test
	void trainsOnAMallsImportedHistoryWithAKnownOutcomeColumn() throws Exception {
		// a mall's own table, as a spreadsheet export: its own headers, a thousands separator, blanks, mixed case
		String run = UUID.randomUUID().toString().substring(0, 8);
		Random random = new Random(42);
		List<String> externalIds = new ArrayList<>();
		String[] segments = { "Young Family", "young family ", "RETIREE", "Retiree", "student", "Office Worker" };
		String[] regions = { "Pudong", "puxi", "PUDONG", "", "Jing'an" };
		StringBuilder csv = new StringBuilder("Customer No,Monthly income,Segment,Region,Visits,Notes,Converted?\n");
		for (int i = 0; i < 2000; i++) {
			double income = 3000 + random.nextDouble() * 27000;
			String segment = segments[random.nextInt(segments.length)];
			double signal = (income - 16500) / 5000.0 + (segment.strip().equalsIgnoreCase("young family") ? 1.5 : -0.5);
			boolean converted = random.nextDouble() < 1 / (1 + Math.exp(-signal));
			String externalId = "HIST-" + run + "-" + i;
			externalIds.add(externalId);
			csv.append(externalId)
				.append(',')
				.append(random.nextInt(10) == 0 ? "" : "\"" + String.format(java.util.Locale.ROOT, "%,.0f", income) + "\"")
				.append(',')
				.append(random.nextInt(15) == 0 ? " " : segment)
				.append(',')
				.append(regions[random.nextInt(regions.length)])
				.append(',')
				.append(random.nextInt(8) == 0 ? "" : String.valueOf(random.nextInt(30)))
				.append(',')
				.append(random.nextBoolean() ? "called twice" : "")
				.append(',')
				.append(converted ? (random.nextBoolean() ? "Yes" : "TRUE") : (random.nextBoolean() ? "no" : "0"))
				.append('\n');
		}
		String mapping = json.writeValueAsString(Map.of("Customer No", "external_id", "Monthly income", "traits.income",
				"Segment", "traits.segment", "Region", "traits.region", "Visits", "traits.visits", "Converted?",
				"traits.converted"));
		JsonNode imported = body(mvc.perform(post("/api/customers/import").with(user("tester").roles("MARKETER"))
			.with(csrf())
			.param("mapping", mapping)
			.contentType("text/csv")
			.content(csv.toString())).andExpect(status().isAccepted()));
		JobView importJob = awaitJob(imported, "job_id");
		assertThat(((Number) importJob.result().get("created")).intValue()).isEqualTo(2000);
		assertThat(((Number) importJob.result().get("failed")).intValue()).isZero();

		ObjectNode config = currentConfig();
		ObjectNode model = (ObjectNode) config.get("model");
		model.set("traits", json.valueToTree(List.of("income", "segment", "region", "visits")));
		model.set("label", json.valueToTree(Map.of("kind", "trait", "trait", "converted")));
		awaitJob(perform(put("/api/scoring/config"), "ADMIN", config.toString()).andExpect(status().isOk()),
				"rescoring_job_id");

		JobView trained = awaitJob(perform(post("/api/scoring/models/train"), "MARKETER", """
				{"algorithm": "random_forest", "activate": "always"}""").andExpect(status().isAccepted()), "job_id");
		int version = ((Number) trained.result().get("model_version")).intValue();
		JsonNode stored = body(perform(get("/api/scoring/models/{v}", version), "VIEWER", null).andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(true))
			.andExpect(jsonPath("$.metrics.split").value("hash")));
		JsonNode metrics = stored.get("metrics");
		System.out.println("IMPORTED-HISTORY random_forest " + metrics);
		assertThat(metrics.get("train_customers").intValue()).isGreaterThan(1000);
		assertThat(metrics.get("holdout_customers").intValue()).isGreaterThan(200);
		assertThat(metrics.get("auc").doubleValue()).isGreaterThan(0.75);
		assertThat(metrics.get("at_mql_threshold").get("precision").isNumber()).isTrue();
		assertThat(metrics.get("calibration").size()).isEqualTo(10);

		JsonNode scored = body(perform(post("/api/scoring/score"), "ANALYST", """
				{"customer_id": "%s"}""".formatted(externalIds.get(0))).andExpect(status().isOk())
			.andExpect(jsonPath("$.model_version").value(version)));
		assertThat(scored.get("score_breakdown").get("predictive").isNumber()).isTrue();
		assertThat(scored.toString()).contains("\"kind\":\"predictive\"");

		int forged = jdbc.sql("""
				insert into scoring_model (version, algorithm, trained_at, trained_by, features, metrics, bytes, mac)
				select (select max(version) + 1 from scoring_model), algorithm, trained_at, 'intruder', features, metrics,
				       bytes, '\\x00'::bytea
				from scoring_model where version = :v
				returning version
				""").param("v", version).query(Integer.class).single();
		perform(post("/api/scoring/models/{v}/activate", forged), "ADMIN", null).andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("model-untrusted")));
		assertThat(jdbc.sql("select version from scoring_model where active").query(Integer.class).single())
			.isEqualTo(version);
	}

	@Test
	void trainedModelBeatsTheRuleOnlyScoreOnTheGeneratedMallsHoldout() throws Exception {
		SyntheticMall mall = SyntheticMall.of(20261124L, 3000, clock);
		String run = UUID.randomUUID().toString().substring(0, 8);
		Map<UUID, CustomerId> ids = new HashMap<>();
		Iterator<MallCustomer> members = mall.customers();
		List<NewCustomer> loaded = new ArrayList<>();
		while (members.hasNext()) {
			MallCustomer member = members.next();
			CustomerId id = CustomerId.random();
			ids.put(member.id(), id);
			Map<String, Object> traits = new LinkedHashMap<>(member.traits());
			traits.remove("persona");
			loaded.add(new NewCustomer(id, "GEN-" + run + "-" + member.number(), member.firstName(), member.lastName(), null,
					null, null, member.gender(), member.birthDate(), member.city(), member.memberTier(),
					member.memberSince(), member.locale(), traits, member.createdAt(), null));
		}
		customers.load(loaded.iterator(), count -> {
		});
		Iterator<MallTouchpoint> touchpoints = mall.touchpoints();
		long fed = history.record(new Iterator<>() {

			@Override
			public boolean hasNext() {
				return touchpoints.hasNext();
			}

			@Override
			public ScoringHistory.PastTouchpoint next() {
				MallTouchpoint touchpoint = touchpoints.next();
				return new ScoringHistory.PastTouchpoint(ids.get(touchpoint.customerId()), touchpoint.touchpointType(),
						touchpoint.occurredAt(), touchpoint.amount());
			}
		});
		assertThat(fed).isGreaterThan(3000);
		ObjectNode config = (ObjectNode) json.valueToTree(ScoringConfig.defaults());
		awaitJob(perform(put("/api/scoring/config"), "ADMIN", config.toString()).andExpect(status().isOk()),
				"rescoring_job_id");

		for (String algorithm : List.of("random_forest", "logistic_regression", "gradient_boosting")) {
			JobView trained = awaitJob(perform(post("/api/scoring/models/train"), "MARKETER", """
					{"algorithm": "%s", "activate": "never"}""".formatted(algorithm)).andExpect(status().isAccepted()),
					"job_id");
			assertThat(trained.status()).as(trained.message()).isEqualTo("succeeded");
			int version = ((Number) trained.result().get("model_version")).intValue();
			JsonNode metrics = body(perform(get("/api/scoring/models/{v}", version), "VIEWER", null)
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.metrics.split").value("time"))).get("metrics");
			System.out.println("GENERATED-MALL " + algorithm + " " + metrics);
			assertThat(metrics.get("auc").doubleValue()).as(algorithm)
				.isGreaterThan(metrics.get("rule_only_auc").doubleValue());
		}
	}

	private ObjectNode currentConfig() throws Exception {
		return (ObjectNode) body(perform(get("/api/scoring/config"), "VIEWER", null).andExpect(status().isOk()))
			.get("config");
	}

	private JobView awaitJob(ResultActions started, String field) throws Exception {
		return awaitJob(body(started), field);
	}

	private JobView awaitJob(JsonNode started, String field) throws Exception {
		UUID job = UUID.fromString(started.get(field).stringValue());
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> jobs.find(job).map(JobView::finished).orElse(false));
		JobView view = jobs.find(job).orElseThrow();
		assertThat(view.status()).as(String.valueOf(view.message())).isEqualTo("succeeded");
		return view;
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
}
