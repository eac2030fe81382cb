package io.atrium.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.atrium.customer.CustomerBulkLoad;
import io.atrium.customer.CustomerBulkLoad.NewCustomer;
import io.atrium.shared.CustomerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Two nodes on one database: two Atrium JVMs share 10,000 workflow runs (a webhook, a wait until a common
 * moment, another webhook). Once both have picked work and the waits have begun to fire, one node is killed with
 * SIGKILL; the other notices the missed heartbeats, takes over what the dead node had picked, and finishes every
 * run. Each step's effect must be present exactly once when deduplicated by its stable event id, and every step
 * must be logged as done once. This JVM only schedules; the step task has its own name here, so that other test
 * contexts alive in this JVM leave these runs alone.
 */
@SpringBootTest(properties = { "db-scheduler.immediate-execution-enabled=false", "db-scheduler.polling-interval=1h",
		"atrium.egress.allowed-hosts=127.0.0.1", "atrium.automation.step-task=automation-step-two-nodes" })
@AutoConfigureMockMvc
class TwoNodeAutomationIntegrationTests {

	static final int RUNS = 10_000;

	static final Map<String, AtomicInteger> DELIVERIES = new ConcurrentHashMap<>();

	static final HttpServer SERVER = start();

	static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
			server.setExecutor(Executors.newFixedThreadPool(16));
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
	CustomerBulkLoad bulkLoad;

	@Autowired
	javax.sql.DataSource dataSource;

	@Test
	void theSurvivingNodeFinishesEveryRunWithEveryStepsEffectExactlyOnce() throws Exception {
		String url = "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/hook";
		String until = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(60).toString();
		String definition = json.writeValueAsString(Map.of("name", "Two nodes " + UUID.randomUUID(), "trigger",
				Map.of("trigger_type", "manual", "config", Map.of()), "steps",
				List.of(Map.of("action_type", "webhook", "config", Map.of("url", url)),
						Map.of("action_type", "wait", "config", Map.of("until", until)),
						Map.of("action_type", "webhook", "config", Map.of("url", url)))));
		String id = json.readTree(mvc.perform(post("/api/automation/workflows").with(user("m").roles("ADMIN"))
			.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(definition))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
		mvc.perform(post("/api/automation/workflows/" + id + "/start").with(user("m").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk());
		UUID workflow = UUID.fromString(id);

		String batch = UUID.randomUUID().toString().substring(0, 8);
		List<NewCustomer> customers = new ArrayList<>();
		for (int i = 0; i < RUNS; i++) {
			customers.add(new NewCustomer(CustomerId.random(), "TWO-" + batch + "-" + i, "Two", "Nodes", null, null,
					null, null, null, null, null, null, null, null, null, null));
		}
		bulkLoad.load(customers.iterator(), done -> {
		});
		for (int from = 0; from < RUNS; from += 1000) {
			List<String> ids = customers.subList(from, from + 1000).stream().map(c -> c.id().value().toString()).toList();
			mvc.perform(post("/api/automation/workflows/" + id + "/trigger").with(user("m").roles("ADMIN")).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("customer_ids", ids))))
				.andExpect(status().isOk());
		}

		Set<String> pickers = ConcurrentHashMap.newKeySet();
		Process doomed = engine("a");
		Process survivor = engine("b");
		try {
			await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
				pickers.addAll(jdbc.sql("select distinct picked_by from scheduled_tasks where picked and picked_by is not null")
					.query(String.class).list());
				return finished(workflow) >= RUNS * 3L / 10 && pickers.size() >= 2;
			});
			doomed.destroyForcibly().waitFor();
			long finishedAtKill = finished(workflow);
			long pickedByDead = jdbc.sql("select count(*) from scheduled_tasks where picked").query(Long.class).single();
			assertThat(finishedAtKill).as("runs finished when one node was killed").isLessThan(RUNS);

			await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(500))
				.until(() -> finished(workflow) == RUNS);
			System.out.printf("two nodes: both nodes picked work (%s); %d of %d runs finished when node a was killed "
					+ "(%d tasks picked at that moment); node b finished the rest%n", pickers, finishedAtKill, RUNS,
					pickedByDead);
		}
		finally {
			doomed.destroyForcibly().waitFor();
			survivor.destroyForcibly().waitFor();
		}

		assertThat(pickers).as("nodes that picked work").hasSizeGreaterThanOrEqualTo(2);
		assertThat(jdbc.sql("select count(*) from workflow_run where workflow_id = :w and state = 'completed'")
			.param("w", workflow).query(Long.class).single()).as("runs completed").isEqualTo(RUNS);

		List<UUID> runIds = jdbc.sql("select id from workflow_run where workflow_id = :w").param("w", workflow)
			.query(UUID.class).list();
		Set<String> expected = new HashSet<>();
		for (UUID run : runIds) {
			for (int step : new int[] { 0, 2 }) {
				expected.add(UUID.nameUUIDFromBytes(("wf:" + run + ":" + step).getBytes(StandardCharsets.UTF_8))
					.toString());
			}
		}
		Map<String, Integer> effects = new java.util.HashMap<>();
		DELIVERIES.forEach((eventId, n) -> {
			if (expected.contains(eventId)) {
				effects.put(eventId, n.get());
			}
		});
		assertThat(effects.keySet()).as("webhook steps whose effect is present (deduplicated by event id)")
			.isEqualTo(expected);
		assertThat(jdbc.sql("""
				select count(*) from (
				  select l.run_id, l.step_index from workflow_step_log l join workflow_run r on r.id = l.run_id
				  where r.workflow_id = :w and l.outcome not like 'retry%' and l.outcome not like 'deferred%'
				    and l.outcome <> 'waiting'
				  group by 1, 2 having count(*) > 1) twice""").param("w", workflow).query(Long.class).single())
			.as("steps logged as done more than once").isZero();
		int raw = effects.values().stream().mapToInt(Integer::intValue).sum();
		System.out.printf("two nodes: %d runs completed; webhooks: %d effects, %d raw deliveries (%d duplicates "
				+ "deduplicated by event id)%n", RUNS, effects.size(), raw, raw - effects.size());
	}

	private long finished(UUID workflow) {
		return jdbc.sql("select count(*) from workflow_run where workflow_id = :w and finished_at is not null")
			.param("w", workflow).query(Long.class).single();
	}

	private Process engine(String name) throws Exception {
		HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
		List<String> command = new ArrayList<>(List.of(
				System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-Xmx512m",
				"-cp", System.getProperty("java.class.path"), "io.atrium.AtriumApplication",
				"--atrium.database.url=" + hikari.getJdbcUrl(), "--atrium.database.username=" + hikari.getUsername(),
				"--atrium.database.password=" + (hikari.getPassword() == null ? "" : hikari.getPassword()),
				"--server.port=0", "--atrium.egress.allowed-hosts=127.0.0.1", "--db-scheduler.polling-interval=200ms",
				"--atrium.automation.step-task=automation-step-two-nodes", "--db-scheduler.scheduler-name=node-" + name,
				"--db-scheduler.heartbeat-interval=1s",
				"--db-scheduler.missed-heartbeats-limit=4", "--atrium.demo.load-on-first-start=false",
				"--ATRIUM_REPUBLISH_ON_RESTART=false", "--logging.level.root=warn"));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File("target/two-nodes-" + name + "-" + System.nanoTime() + ".log")).start();
	}
}
