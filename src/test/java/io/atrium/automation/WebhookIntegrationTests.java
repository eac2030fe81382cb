package io.atrium.automation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.atrium.customer.IdentifyingCustomers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The webhook action against a local HTTP server (allow-listed by {@code atrium.egress.allowed-hosts}): signatures,
 * stable event ids, retries honouring Retry-After, dead letters for 4xx and for refused private targets.
 */
@SpringBootTest(properties = { "atrium.egress.allowed-hosts=127.0.0.1", "atrium.automation.retry-base=PT0.2S",
		"atrium.automation.step-task=automation-step-webhook" })
@AutoConfigureMockMvc
class WebhookIntegrationTests {

	record Received(String path, Map<String, String> headers, String body) {
	}

	static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

	static final AtomicInteger FLAKY = new AtomicInteger();

	static final HttpServer SERVER = start();

	static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", exchange -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				Map<String, String> headers = new java.util.HashMap<>();
				exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
				String path = exchange.getRequestURI().getPath();
				RECEIVED.add(new Received(path, headers, body));
				int status = 200;
				if (path.startsWith("/flaky") && FLAKY.incrementAndGet() <= 2) {
					status = FLAKY.get() == 1 ? 503 : 429;
					exchange.getResponseHeaders().add("Retry-After", "0");
				}
				else if (path.startsWith("/bad")) {
					status = 400;
				}
				exchange.sendResponseHeaders(status, -1);
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
	RunExecution execution;

	@Test
	void signsTheBodyWithTheWorkflowSecret() throws Exception {
		String path = "/ok-" + UUID.randomUUID();
		UUID run = runWebhook(path);
		await().atMost(Duration.ofSeconds(30)).until(() -> state(run), "completed"::equals);
		Received received = RECEIVED.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
		String secret = jdbc.sql("select w.signing_secret from workflow w join workflow_run r on r.workflow_id = w.id where r.id = :r")
			.param("r", run).query(String.class).single();
		String expected = "sha256=" + WebhookDelivery.sign(secret,
				received.headers().get("x-atrium-timestamp") + "." + received.body());
		assertThat(received.headers().get("x-atrium-signature")).isEqualTo(expected);
		assertThat(received.headers().get("x-atrium-signature")).isNotEqualTo("sha256="
				+ WebhookDelivery.sign("wrong", received.headers().get("x-atrium-timestamp") + "." + received.body()));
		assertThat(json.readTree(received.body()).get("run_id").asString()).isEqualTo(run.toString());
	}

	@Test
	void retriesOn5xxAnd429WithTheSameEventIdUntilDelivered() throws Exception {
		String path = "/flaky-" + UUID.randomUUID();
		UUID run = runWebhook(path);
		await().atMost(Duration.ofSeconds(60)).until(() -> state(run), "completed"::equals);
		List<Received> attempts = RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
		assertThat(attempts).hasSize(3);
		assertThat(attempts.stream().map(r -> r.headers().get("x-atrium-event-id")).distinct()).hasSize(1);
		assertThat(jdbc.sql("select outcome from workflow_step_log where run_id = :r order by id").param("r", run)
			.query(String.class).list()).containsExactly("retry", "retry", "delivered: 200");
	}

	@Test
	void redeliversAClaimLeftUnconfirmedOnlyAfterItsLeaseWithTheSameEventId() throws Exception {
		String path = "/ok-" + UUID.randomUUID();
		UUID run = runWebhook(path);
		await().atMost(Duration.ofSeconds(30)).until(() -> state(run), "completed"::equals);
		String key = "wf:" + run + ":0";
		// as if the engine was killed after claiming and POSTing, before recording the outcome
		jdbc.sql("update workflow_run set state = 'running', step_index = 0, finished_at = null where id = :r")
			.param("r", run).update();
		jdbc.sql("update workflow_side_effect set outcome = null, attempted_at = now() where idempotency_key = :k")
			.param("k", key).update();
		execution.execute(run, 0);
		assertThat(state(run)).as("a live claim is not taken over").isEqualTo("waiting");
		assertThat(RECEIVED.stream().filter(r -> r.path().equals(path))).hasSize(1);

		jdbc.sql("update workflow_side_effect set attempted_at = now() - interval '1 minute' where idempotency_key = :k")
			.param("k", key).update();
		jdbc.sql("update workflow_run set state = 'running', due_at = null where id = :r").param("r", run).update();
		execution.execute(run, 0);
		assertThat(state(run)).isEqualTo("completed");
		List<Received> deliveries = RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
		assertThat(deliveries).as("at-least-once: the unconfirmed delivery is repeated").hasSize(2);
		assertThat(deliveries.stream().map(r -> r.headers().get("x-atrium-event-id")).distinct())
			.as("with the same event id, for the receiver to deduplicate").hasSize(1);
		assertThat(jdbc.sql("select outcome from workflow_step_log where run_id = :r order by id").param("r", run)
			.query(String.class).list()).containsExactly("delivered: 200", "deferred: attempt_in_flight",
					"delivered: 200");
	}

	@Test
	void sendsClientErrorsToTheDeadLetterListWithoutRetrying() throws Exception {
		String path = "/bad-" + UUID.randomUUID();
		UUID run = runWebhook(path);
		await().atMost(Duration.ofSeconds(30)).until(() -> state(run), "failed"::equals);
		assertThat(RECEIVED.stream().filter(r -> r.path().equals(path))).hasSize(1);
		JsonNode letters = json.readTree(mvc.perform(get("/api/automation/dead-letters").param("limit", "500")
			.with(user("v").roles("VIEWER"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(letters.get("items").valueStream().filter(l -> l.get("run_id").asString().equals(run.toString())))
			.singleElement().satisfies(l -> assertThat(l.get("error").asString()).isEqualTo("http 400"));
	}

	@Test
	void refusesPrivateTargetsBeforeConnecting() throws Exception {
		UUID run = runWebhookTo("http://169.254.169.254/latest/meta-data/");
		await().atMost(Duration.ofSeconds(30)).until(() -> state(run), "failed"::equals);
		assertThat(jdbc.sql("select error from workflow_dead_letter where run_id = :r").param("r", run)
			.query(String.class).single()).startsWith("refused");
	}

	private UUID runWebhook(String path) throws Exception {
		return runWebhookTo("http://127.0.0.1:" + SERVER.getAddress().getPort() + path);
	}

	private UUID runWebhookTo(String url) throws Exception {
		String definition = json.writeValueAsString(Map.of("name", "Webhook " + UUID.randomUUID(), "trigger",
				Map.of("trigger_type", "manual", "config", Map.of()), "steps",
				List.of(Map.of("action_type", "webhook", "config", Map.of("url", url, "payload", Map.of("k", "v"))))));
		String id = json.readTree(mvc.perform(post("/api/automation/workflows").with(user("m").roles("MARKETER"))
			.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(definition))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
		mvc.perform(post("/api/automation/workflows/" + id + "/start").with(user("m").roles("MARKETER")).with(csrf()))
			.andExpect(status().isOk());
		String external = "WH-" + UUID.randomUUID().toString().substring(0, 8);
		UUID customer = customers.resolveOrCreate(List.of(external), "test").get(external).value();
		JsonNode entered = json.readTree(mvc.perform(post("/api/automation/workflows/" + id + "/trigger")
			.with(user("m").roles("MARKETER")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"customer_ids\": [\"" + customer + "\"]}")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
		return UUID.fromString(entered.get("run_ids").get(0).asString());
	}

	private String state(UUID run) {
		return jdbc.sql("select state from workflow_run where id = :id").param("id", run).query(String.class).single();
	}
}
