package io.atrium.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.atrium.customer.ConsentStatus;
import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.platform.JobView;
import io.atrium.platform.Jobs;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Loads a demo mall into a database of its own (other tests create customers such as {@code CUST001}), with
 * the clock pinned so the generated year is known.
 */
@SpringBootTest(properties = { "atrium.database.embedded-directory=target/test-data/postgres-demo",
		"atrium.clock.fixed=2026-11-24T10:00:00+08:00" })
@AutoConfigureMockMvc
class DemoLoadIntegrationTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

	private static final long SEED = 424242L;

	@Autowired
	MockMvc mvc;

	@Autowired
	Jobs jobs;

	@Autowired
	CustomerDirectory customers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LoadingDemoMall loading;

	@Test
	void loadsAThousandCustomersWithTheirTouchpointsAndRefusesASecondLoad() throws Exception {
		SyntheticMall expected = SyntheticMall.of(SEED, 1_000, CLOCK);
		long expectedTouchpoints = 0;
		for (int n = 1; n <= 1_000; n++) {
			expectedTouchpoints += expected.touchpointsOf(n).size();
		}

		String location = mvc
			.perform(post("/api/jobs/demo-load").with(user("admin").roles("ADMIN")).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"customers\": 1000, \"seed\": " + SEED + "}"))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.kind").value("demo-load"))
			.andExpect(jsonPath("$.parameters.customers").value(1000))
			.andExpect(jsonPath("$.created_by").value("admin"))
			.andReturn()
			.getResponse()
			.getHeader("Location");
		UUID job = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

		JobView done = await().atMost(Duration.ofSeconds(60))
			.until(() -> jobs.find(job).orElseThrow(), JobView::finished);
		assertThat(done.status()).as(done.message()).isEqualTo("succeeded");
		assertThat(done.result()).containsEntry("customers", 1000).containsEntry("touchpoints", (int) expectedTouchpoints);
		assertThat(done.percent()).isEqualTo(100);

		assertThat(count("select count(*) from customer where external_id like 'CUST%'")).isEqualTo(1_000);
		assertThat(count("select count(*) from touchpoint where source = 'demo'")).isEqualTo(expectedTouchpoints);
		assertThat(count("select count(*) from store")).isEqualTo(expected.stores().size());

		MallCustomer first = expected.customer(1);
		CustomerSummary cust001 = customers.findByExternalId("CUST001").orElseThrow();
		assertThat(cust001.id().value()).isEqualTo(first.id());
		assertThat(cust001.firstName()).isEqualTo(first.firstName());
		assertThat(cust001.lastName()).isEqualTo(first.lastName());
		assertThat(cust001.memberTier()).isEqualTo(first.memberTier());
		assertThat(cust001.traits()).containsEntry("persona", first.persona().code());
		first.consents().forEach((channel, status) -> assertThat(customers.currentConsents(cust001.id()))
			.containsEntry(channel, ConsentStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT))));
		assertThat(customers.contactPoints(cust001.id()).orElseThrow().email()).isEqualTo(first.email());

		mvc.perform(get("/api/customers/CUST001/touchpoints").param("limit", "500")
			.with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(expected.touchpointsOf(1).size()));

		mvc.perform(post("/api/jobs/demo-load").with(user("admin").roles("ADMIN")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customers\": 1000}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(containsString("demo-already-loaded")));
		assertThat(count("select count(*) from job where kind = 'demo-load'")).isEqualTo(1);

		List<JobView> seen = new ArrayList<>();
		JobView fromCommandLine = loading.loadNow(1_000, SEED, "cli", seen::add);
		assertThat(fromCommandLine.status()).isEqualTo("failed");
		assertThat(fromCommandLine.message()).isEqualTo("The mall already has demo customers");
		assertThat(seen).last().extracting(JobView::status).isEqualTo("failed");
		assertThat(count("select count(*) from customer where external_id like 'CUST%'")).isEqualTo(1_000);
	}

	@Test
	void refusesSizesOutOfRangeAndCallersWhoAreNotAdmins() throws Exception {
		mvc.perform(post("/api/jobs/demo-load").with(user("admin").roles("ADMIN")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customers\": 999}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("customers"));
		mvc.perform(post("/api/jobs/demo-load").with(user("admin").roles("ADMIN")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customers\": 1000001}"))
			.andExpect(status().isUnprocessableContent());
		mvc.perform(post("/api/jobs/demo-load").with(user("marketer").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customers\": 1000}"))
			.andExpect(status().isForbidden());
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}
}
