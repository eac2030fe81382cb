package io.atrium.automation;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import com.icegreen.greenmail.util.GreenMail;
import io.atrium.customer.CustomerDirectory;
import jakarta.mail.internet.MimeMessage;
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
 * PostgreSQL) executes 1,000 runs of a webhook then an email (real SMTP: GreenMail), is killed with SIGKILL while they
 * are in flight, and a third JVM finishes them. Delivery is at-least-once at the engine, so a step whose outcome the
 * killed JVM never recorded is delivered again; every step's effect must be present exactly once when deduplicated by
 * its stable id (webhook {@code X-Atrium-Event-Id}, email {@code Message-ID}), and the raw duplicates are reported. This JVM only schedules (its db-scheduler never polls during the test); the step task has its own
 * name here, so that other test contexts alive in this JVM leave these runs alone.
 */
@SpringBootTest(properties = { "db-scheduler.immediate-execution-enabled=false", "db-scheduler.polling-interval=1h",
		"atrium.egress.allowed-hosts=127.0.0.1", "atrium.automation.step-task=automation-step-crash",
		"atrium.messaging.quiet-start=00:00", "atrium.messaging.quiet-end=00:00" })
@AutoConfigureMockMvc
class AutomationCrashRecoveryIntegrationTests {

	static final int RUNS = 1000;

	static final Map<String, AtomicInteger> DELIVERIES = new ConcurrentHashMap<>();

	static final HttpServer SERVER = start();

	static final GreenMail SMTP = AutomationWelcomeSeriesIntegrationTests.startSmtp();

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
		SMTP.stop();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CustomerDirectory directory;

	@Autowired
	javax.sql.DataSource dataSource;

	@Test
	void resumesEveryRunAfterTheEngineIsKilledWithEveryStepsEffectExactlyOnce() throws Exception {
		String url = "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/hook";
		String definition = json.writeValueAsString(Map.of("name", "Crash " + UUID.randomUUID(), "trigger",
				Map.of("trigger_type", "manual", "config", Map.of()), "steps",
				List.of(Map.of("action_type", "webhook", "config", Map.of("url", url)), Map.of("action_type",
						"send_email", "config", Map.of("template_id", "crash_01", "subject", "Hello {customer_name}")))));
		String id = json.readTree(mvc.perform(post("/api/automation/workflows").with(user("m").roles("ADMIN"))
			.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(definition))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
		mvc.perform(post("/api/automation/workflows/" + id + "/start").with(user("m").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk());
		String batch = UUID.randomUUID().toString().substring(0, 8);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < RUNS; i++) {
			String external = "CRASH-" + batch + "-" + i;
			mvc.perform(post("/api/customers").with(user("m").roles("ADMIN")).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("external_id", external, "first_name", "Crash", "last_name",
						Integer.toString(i), "email", "crash-" + batch + "-" + i + "@example.com", "consents",
						Map.of("email", "granted")))))
				.andExpect(status().isCreated());
			ids.add(directory.findByExternalId(external).orElseThrow().id().value().toString());
		}
		mvc.perform(post("/api/automation/workflows/" + id + "/trigger").with(user("m").roles("ADMIN")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("customer_ids", ids))))
			.andExpect(status().isOk());
		UUID workflow = UUID.fromString(id);

		Process first = engine();
		try {
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
				.until(() -> SMTP.getReceivedMessages().length >= RUNS / 3);
		}
		finally {
			first.destroyForcibly().waitFor();
		}
		long finishedAtKill = finished(workflow);
		long unconfirmedAtKill = unconfirmed(workflow);
		assertThat(finishedAtKill).as("runs finished when the engine was killed").isLessThan(RUNS);

		Process second = engine();
		try {
			await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
				.until(() -> finished(workflow) == RUNS);
		}
		finally {
			second.destroyForcibly().waitFor();
		}
		assertThat(jdbc.sql("select count(*) from workflow_run where workflow_id = :w and state = 'completed'")
			.param("w", workflow).query(Long.class).single()).as("runs completed").isEqualTo(RUNS);

		List<UUID> runIds = jdbc.sql("select id from workflow_run where workflow_id = :w").param("w", workflow)
			.query(UUID.class).list();
		Set<String> expectedEvents = new HashSet<>();
		for (UUID run : runIds) {
			expectedEvents.add(UUID.nameUUIDFromBytes(("wf:" + run + ":0").getBytes(StandardCharsets.UTF_8)).toString());
		}
		Map<String, Integer> webhookEffects = new HashMap<>();
		DELIVERIES.forEach((eventId, n) -> {
			if (expectedEvents.contains(eventId)) {
				webhookEffects.put(eventId, n.get());
			}
		});
		assertThat(webhookEffects.keySet()).as("webhook steps whose effect is present (deduplicated by event id)")
			.isEqualTo(expectedEvents);

		Set<String> expectedMessageIds = new HashSet<>(jdbc.sql("""
				select m.id from message m join workflow_run r on m.idempotency_key = 'wf:' || r.id || ':1'
				where r.workflow_id = :w and m.status = 'sent'""").param("w", workflow).query(UUID.class).list()
			.stream().map(m -> "<" + m + "@atrium.local>").toList());
		assertThat(expectedMessageIds).as("email steps sent").hasSize(RUNS);
		Map<String, Integer> emailEffects = new HashMap<>();
		for (MimeMessage message : SMTP.getReceivedMessages()) {
			emailEffects.merge(message.getMessageID(), 1, Integer::sum);
		}
		assertThat(emailEffects.keySet()).as("email steps whose effect is present (deduplicated by Message-ID)")
			.isEqualTo(expectedMessageIds);

		int rawWebhooks = webhookEffects.values().stream().mapToInt(Integer::intValue).sum();
		int rawEmails = emailEffects.values().stream().mapToInt(Integer::intValue).sum();
		System.out.printf("crash test: %d of %d runs finished at the kill, %d side effects claimed but unconfirmed at the "
				+ "kill; after resume all %d runs completed; webhooks: %d effects, %d raw deliveries (%d duplicates "
				+ "deduplicated by event id); emails: %d effects, %d raw deliveries (%d duplicates deduplicated by "
				+ "Message-ID)%n", finishedAtKill, RUNS, unconfirmedAtKill, RUNS, webhookEffects.size(), rawWebhooks,
				rawWebhooks - webhookEffects.size(), emailEffects.size(), rawEmails, rawEmails - emailEffects.size());
	}

	/** Webhook keys claimed without an outcome plus messages still queued: attempts the kill cut short. */
	private long unconfirmed(UUID workflow) {
		return jdbc.sql("""
				select (select count(*) from workflow_side_effect e join workflow_run r on r.id = e.run_id
				        where r.workflow_id = :w and e.outcome is null)
				     + (select count(*) from message m join workflow_run r on m.idempotency_key = 'wf:' || r.id || ':1'
				        where r.workflow_id = :w and m.status = 'queued')""").param("w", workflow).query(Long.class)
			.single();
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
				"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP.getSmtp().getPort(),
				"--atrium.messaging.quiet-start=00:00", "--atrium.messaging.quiet-end=00:00",
				"--atrium.demo.load-on-first-start=false", "--logging.level.root=warn"));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File("target/crash-engine-" + System.nanoTime() + ".log")).start();
	}
}
