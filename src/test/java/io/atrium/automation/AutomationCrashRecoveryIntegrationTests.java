package io.atrium.automation;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.atrium.customer.IdentifyingCustomers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Kills the engine mid-run: a second JVM ({@code AtriumApplication} on the test classpath, against this test's
 * PostgreSQL) executes 1,000 two-webhook runs, is killed with SIGKILL while they are in flight, and a third JVM
 * finishes them. This JVM only schedules (its db-scheduler never polls during the test); the step task has its own
 * name here, so that other test contexts alive in this JVM leave these runs alone.
 */
@SpringBootTest(properties = { "db-scheduler.immediate-execution-enabled=false", "db-scheduler.polling-interval=1h",
		"atrium.egress.allowed-hosts=127.0.0.1", "atrium.automation.step-task=automation-step-crash" })
@AutoConfigureMockMvc
class AutomationCrashRecoveryIntegrationTests {

	static final int RUNS = 1000;

	static final Map<String, AtomicInteger> DELIVERIES = new ConcurrentHashMap<>();

	static final HttpServer SERVER = start();

	static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
			server.createContext("/", exchange -> {
				exchange.getRequestBody().readAllBytes();
				String eventId = exchange.getRequestHeaders().getFirst("X-Atrium-Event-Id");
				DELIVERIES.computeIfAbsent(eventId, k -> new AtomicInteger()).incrementAndGet();
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void stop() {
		SERVER.stop(0);
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IdentifyingCustomers customers;

	@Autowired
	javax.sql.DataSource dataSource;

	@Test
	void resumesEveryRunAfterTheEngineIsKilledWithoutSendingTwice() throws Exception {
		String url = "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/hook";
		String definition = json.writeValueAsString(Map.of("name", "Crash " + UUID.randomUUID(), "trigger",
				Map.of("trigger_type", "manual", "config", Map.of()), "steps",
				List.of(Map.of("action_type", "webhook", "config", Map.of("url", url)),
						Map.of("action_type", "webhook", "config", Map.of("url", url)))));
		String id = json.readTree(mvc.perform(post("/api/automation/workflows").with(user("m").roles("ADMIN"))
			.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(definition))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
		mvc.perform(post("/api/automation/workflows/" + id + "/start").with(user("m").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk());
		List<String> externals = new ArrayList<>();
		for (int i = 0; i < RUNS; i++) {
			externals.add("CRASH-" + UUID.randomUUID().toString().substring(0, 13));
		}
		List<String> ids = customers.resolveOrCreate(externals, "test").values().stream()
			.map(c -> c.value().toString()).toList();
		mvc.perform(post("/api/automation/workflows/" + id + "/trigger").with(user("m").roles("ADMIN")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("customer_ids", ids))))
			.andExpect(status().isOk());
		UUID workflow = UUID.fromString(id);

		Process first = engine();
		try {
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
				.until(() -> DELIVERIES.size() >= RUNS / 3);
		}
		finally {
			first.destroyForcibly().waitFor();
		}
		long finishedAtKill = finished(workflow);
		assertThat(finishedAtKill).as("runs finished when the engine was killed").isLessThan(RUNS);

		Process second = engine();
		try {
			await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
				.until(() -> finished(workflow) == RUNS);
		}
		finally {
			second.destroyForcibly().waitFor();
		}
		assertThat(jdbc.sql("select count(*) from workflow_run where workflow_id = :w and state = 'completed'")
			.param("w", workflow).query(Long.class).single()).isEqualTo(RUNS);
		assertThat(DELIVERIES.values().stream().mapToInt(AtomicInteger::get).max().orElse(0))
			.as("deliveries of the most delivered event").isEqualTo(1);
		long lost = jdbc.sql("""
				select count(*) from workflow_side_effect e join workflow_run r on r.id = e.run_id
				where r.workflow_id = :w and e.outcome is null""").param("w", workflow).query(Long.class).single();
		System.out.printf("crash test: %d of %d runs finished at kill; %d events delivered once; %d keys claimed in flight "
				+ "at the kill (outcome unknown to the engine, never re-sent)%n", finishedAtKill, RUNS, DELIVERIES.size(), lost);
		assertThat(DELIVERIES.size()).as("steps delivered").isLessThanOrEqualTo(2 * RUNS)
			.isGreaterThanOrEqualTo((int) (2L * RUNS - lost));
	}

	private long finished(UUID workflow) {
		return jdbc.sql("select count(*) from workflow_run where workflow_id = :w and finished_at is not null")
			.param("w", workflow).query(Long.class).single();
	}

	private Process engine() throws Exception {
		HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
		List<String> command = new ArrayList<>(List.of(
				System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-Xmx512m",
				"-cp", System.getProperty("java.class.path"), "io.atrium.AtriumApplication",
				"--atrium.database.url=" + hikari.getJdbcUrl(), "--atrium.database.username=" + hikari.getUsername(),
				"--atrium.database.password=" + (hikari.getPassword() == null ? "" : hikari.getPassword()),
				"--server.port=0", "--atrium.egress.allowed-hosts=127.0.0.1", "--db-scheduler.polling-interval=200ms", "--atrium.automation.step-task=automation-step-crash",
				"--db-scheduler.heartbeat-interval=1s", "--db-scheduler.missed-heartbeats-limit=4",
				"--atrium.demo.load-on-first-start=false", "--logging.level.root=warn"));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File("target/crash-engine-" + System.nanoTime() + ".log")).start();
	}
}
