package io.atrium.goals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.atrium.analytics.AnalyticsRollups;
import io.atrium.shared.CustomerId;
import io.atrium.tracking.NewTouchpoint;
import io.atrium.tracking.TouchpointBulkLoad;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Goals against a hand-made June 2013 (the clock stands at 16 June 2013, 10:00 in Shanghai): 100 CNY of
 * purchases on each of the 16 days so far.
 * <p>
 * By hand: value 1,600; 16 of 30 days elapsed = 53.3 %; a flat line forecasts 1,600 + 14 × 100 = 3,000.
 * Target 2,000: 80.0 % of target, pace (1,600 / 2,000) / (16 / 30) = 150.0 %, forecast 150.0 % → on track. Target 3,200:
 * forecast 93.8 % → at risk. Target 5,000: forecast 60.0 % → off track.
 */
@SpringBootTest(properties = "atrium.clock.fixed=2013-06-16T10:00:00+08:00")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoalsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TouchpointBulkLoad bulkLoad;

	@Autowired
	AnalyticsRollups rollups;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	void sellsOneHundredADayInJune() {
		List<NewTouchpoint> rows = new ArrayList<>();
		for (int day = 1; day <= 16; day++) {
			Instant at = OffsetDateTime.parse("2013-06-%02dT12:00:00+08:00".formatted(day)).toInstant();
			rows.add(new NewTouchpoint(null, CustomerId.random(), "purchase", "store", at, "goals-test", null, null,
					null, null, new BigDecimal("100.00"), "CNY", null, null, null));
		}
		// reviews in April 2013 rated 5, 4, 4 and 2 (average 3.75); one review without a rating does not count
		for (int rating : new int[] { 5, 4, 4, 2, 0 }) {
			Instant at = OffsetDateTime.parse("2013-04-1%dT12:00:00+08:00".formatted(rating)).toInstant();
			rows.add(new NewTouchpoint(null, CustomerId.random(), "review", "app", at, "goals-test", null, null, null,
					null, null, null, rating == 0 ? null : rating, null, null));
		}
		bulkLoad.load(rows.iterator(), n -> {
		});
		rollups.rebuild();
	}

	@Test
	void measuresCustomerSatisfactionAsTheAverageReviewRating() throws Exception {
		mvc.perform(put("/api/config/goals").with(user("boss").roles("ADMIN"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"goals": [
					  {"id": "stars", "name": "April satisfaction", "metric": "average_rating", "target": 4, "period": "2013-04"}
					]}"""))
			.andExpect(status().isOk());

		mvc.perform(get("/api/config/goals/progress").with(user("v").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].value").value(3.75))
			.andExpect(jsonPath("$.items[0].pct_of_target").value(93.8))
			.andExpect(jsonPath("$.items[0].forecast_method").value("current_value"))
			.andExpect(jsonPath("$.items[0].status").value("at_risk"));
	}

	@Test
	void computesProgressAsByHand() throws Exception {
		mvc.perform(put("/api/config/goals").with(user("boss").roles("ADMIN"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"goals": [
					  {"id": "rev-on", "name": "June revenue", "metric": "revenue", "target": 2000, "period": "2013-06", "owner": "Li"},
					  {"id": "rev-risk", "name": "June stretch", "metric": "revenue", "target": 3200, "from": "2013-06-01", "to": "2013-06-30"},
					  {"id": "rev-off", "name": "June dream", "metric": "revenue", "target": 5000, "period": "2013-06"},
					  {"id": "nps", "name": "NPS", "metric": "nps", "target": 50, "period": "2013-Q2"},
					  {"id": "later", "name": "Next year", "metric": "new_members", "target": 10, "period": "2014"}
					]}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.goals", hasSize(5)))
			.andExpect(jsonPath("$.goals[0].from").value("2013-06-01"))
			.andExpect(jsonPath("$.goals[0].to").value("2013-06-30"))
			.andExpect(jsonPath("$.goals[3].to").value("2013-06-30"))
			.andExpect(jsonPath("$.goals[4].metric").value("new_members"));

		mvc.perform(get("/api/config/goals/progress").with(user("v").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].value").value(1600.00))
			.andExpect(jsonPath("$.items[0].pct_of_target").value(80.0))
			.andExpect(jsonPath("$.items[0].time_elapsed_pct").value(53.3))
			.andExpect(jsonPath("$.items[0].pace_pct").value(150.0))
			.andExpect(jsonPath("$.items[0].forecast").value(3000.00))
			.andExpect(jsonPath("$.items[0].forecast_pct_of_target").value(150.0))
			.andExpect(jsonPath("$.items[0].status").value("on_track"))
			.andExpect(jsonPath("$.items[1].forecast_pct_of_target").value(93.8))
			.andExpect(jsonPath("$.items[1].status").value("at_risk"))
			.andExpect(jsonPath("$.items[2].status").value("off_track"))
			.andExpect(jsonPath("$.items[3].status").value("unavailable"))
			.andExpect(jsonPath("$.items[4].status").value("not_started"))
			.andExpect(jsonPath("$.thresholds.on_track_pct").value(100))
			.andExpect(jsonPath("$.thresholds.at_risk_pct").value(90));
	}

	@Test
	void refusesANonAdminsPutAndChangesNothing() throws Exception {
		long changes = jdbc.sql("select count(*) from config_change").query(Long.class).single();
		String before = jdbc.sql("select coalesce((select body::text from config_document where kind = 'ai_preferences'), '')")
			.query(String.class)
			.single();

		for (String role : List.of("MARKETER", "ANALYST", "VIEWER")) {
			mvc.perform(put("/api/config/ai-preferences").with(user("u").roles(role))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"risk_tolerance\": \"aggressive\"}")).andExpect(status().isForbidden());
			mvc.perform(put("/api/config/goals").with(user("u").roles(role))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"goals\": []}")).andExpect(status().isForbidden());
		}

		assertThat(jdbc.sql("select count(*) from config_change").query(Long.class).single()).isEqualTo(changes);
		assertThat(jdbc.sql("select coalesce((select body::text from config_document where kind = 'ai_preferences'), '')")
			.query(String.class)
			.single()).isEqualTo(before);
	}

	@Test
	void refusesInvalidGoalsNamingTheFields() throws Exception {
		mvc.perform(put("/api/config/goals").with(user("boss").roles("ADMIN"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"goals": [{"name": "", "metric": "happiness", "target": -1, "period": "2013-13"}]}"""))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("goals[0].name",
					"goals[0].metric", "goals[0].target", "goals[0].period")));
	}

	@Test
	void keepsEveryPreferenceChangeAndRevertsOne() throws Exception {
		mvc.perform(put("/api/config/ai-preferences").with(user("boss").roles("ADMIN"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"response_style\": \"detailed\", \"risk_tolerance\": \"conservative\", \"innovation_level\": \"proven\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.thresholds.high_churn_risk").value(0.6));
		mvc.perform(put("/api/config/ai-preferences").with(user("boss").roles("ADMIN"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"risk_tolerance\": \"aggressive\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.response_style").value("detailed"))
			.andExpect(jsonPath("$.thresholds.high_churn_risk").value(0.8))
			.andExpect(jsonPath("$.thresholds.recommendation_wording").value("assertive"));
		mvc.perform(put("/api/config/ai-preferences").with(user("boss").roles("ADMIN"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"risk_tolerance\": \"reckless\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("risk_tolerance"));

		long latest = jdbc.sql("select max(id) from config_change where kind = 'ai_preferences'").query(Long.class).single();
		mvc.perform(get("/api/config/history").param("kind", "ai_preferences").with(user("v").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value(latest))
			.andExpect(jsonPath("$.items[0].actor").value("boss"))
			.andExpect(jsonPath("$.items[0].before.risk_tolerance").value("conservative"))
			.andExpect(jsonPath("$.items[0].after.risk_tolerance").value("aggressive"));

		mvc.perform(post("/api/config/history/" + latest + "/revert").with(user("boss").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.reverted_change_id").value(latest))
			.andExpect(jsonPath("$.after.risk_tolerance").value("conservative"));
		mvc.perform(get("/api/config/ai-preferences").with(user("v").roles("VIEWER")))
			.andExpect(jsonPath("$.risk_tolerance").value("conservative"))
			.andExpect(jsonPath("$.thresholds.high_churn_risk").value(0.6));
		mvc.perform(post("/api/config/history/999999999/revert").with(user("boss").roles("ADMIN")))
			.andExpect(status().isNotFound());
	}
}
