package io.atrium.automation;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.atrium.customer.CustomerDirectory;
import io.atrium.journey.LifecycleStageChanged;
import io.atrium.journey.Stage;
import io.atrium.messaging.Delivery;
import io.atrium.messaging.OutboundMessage;
import io.atrium.messaging.SendingMessages;
import io.atrium.shared.CustomerId;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
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

/**
 * The brief's "New Customer Welcome Series" end to end, with an adjustable clock and a real SMTP server (GreenMail).
 * The step task has its own name so that engines of other test contexts in this JVM (with other clocks) leave these
 * runs alone.
 */
@SpringBootTest(properties = "atrium.automation.step-task=automation-step-welcome")
@AutoConfigureMockMvc
@Import(AdjustableClock.Config.class)
class AutomationWelcomeSeriesIntegrationTests {

	static final String WELCOME = """
			{
			  "name": "New Customer Welcome Series",
			  "trigger": {"trigger_type": "lifecycle_stage", "config": {"stage": "awareness"}},
			  "steps": [
			    {"action_type": "wait", "config": {"wait_hours": 1}},
			    {"action_type": "send_email", "config": {"template_id": "welcome_01", "subject": "Welcome to SBM, {customer_name}!"}}
			  ]
			}""";

	static final GreenMail SMTP = startSmtp();

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
		registry.add("atrium.messaging.quiet-start", () -> "23:00");
		registry.add("atrium.messaging.quiet-end", () -> "07:00");
		registry.add("atrium.messaging.templates.promo_01.text", () -> "Hi {customer_name}, the sale is on.");
		registry.add("atrium.messaging.templates.promo_01.link", () -> "https://www.example.com/sale");
	}

	static GreenMail startSmtp() {
		try (ServerSocket socket = new ServerSocket(0)) {
			int port = socket.getLocalPort();
			socket.close();
			GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			mail.start();
			return mail;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void stopSmtp() {
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
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	AdjustableClock clock;

	@Autowired
	RunExecution execution;

	@Autowired
	SendingMessages sending;

	@Test
	void runsTheWelcomeSeriesHonouringTheWaitAndMergingTheName() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String email = "mei-" + suffix + "@example.com";
		CustomerId customer = customer("W-" + suffix, "Mei", "Lin", email, "granted");
		JsonNode workflow = body(mvc.perform(post("/api/automation/workflows").with(user("m").roles("MARKETER"))
			.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(WELCOME)).andExpect(status().isCreated()));
		assertThat(workflow.get("status").asString()).isEqualTo("draft");
		assertThat(workflow.get("trigger").get("config").get("stage").asString()).isEqualTo("awareness");
		String id = workflow.get("id").asString();
		mvc.perform(post("/api/automation/workflows/" + id + "/start").with(user("m").roles("MARKETER")).with(csrf()))
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("active"));

		tx.executeWithoutResult(s -> events.publishEvent(new LifecycleStageChanged(customer, null, Stage.AWARENESS,
				"first_touchpoint", null, clock.instant())));

		UUID run = await().atMost(Duration.ofSeconds(30)).until(() -> runOf(id, customer), r -> r != null);
		await().atMost(Duration.ofSeconds(30)).until(() -> state(run), "waiting"::equals);
		assertThat(stepIndex(run)).isEqualTo(1);

		clock.advance(Duration.ofMinutes(59));
		assertThat(execution.runDueSteps()).isZero();
		execution.execute(run, 1);
		assertThat(state(run)).isEqualTo("waiting");
		assertThat(messagesTo(email)).isEmpty();

		clock.advance(Duration.ofMinutes(2));
		assertThat(execution.runDueSteps()).isGreaterThanOrEqualTo(1);
		await().atMost(Duration.ofSeconds(30)).until(() -> state(run), "completed"::equals);

		List<MimeMessage> received = messagesTo(email);
		assertThat(received).hasSize(1);
		assertThat(received.get(0).getSubject()).isEqualTo("Welcome to SBM, Mei Lin!");
		assertThat(GreenMailUtil.getBody(received.get(0))).contains("Mei Lin");

		mvc.perform(get("/api/messaging/messages").param("customer_id", customer.value().toString())
			.with(user("v").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].status").value("sent"))
			.andExpect(jsonPath("$.items[0].template_id").value("welcome_01"));

		JsonNode performance = body(mvc.perform(get("/api/automation/workflows/" + id + "/performance")
			.with(user("a").roles("ANALYST"))).andExpect(status().isOk()));
		assertThat(performance.get("entered").asLong()).isEqualTo(1);
		assertThat(performance.get("completed").asLong()).isEqualTo(1);

		// a resumed step (the run put back at the send) never sends twice
		jdbc.sql("update workflow_run set state = 'running', step_index = 1 where id = :id").param("id", run).update();
		execution.execute(run, 1);
		assertThat(state(run)).isEqualTo("completed");
		assertThat(messagesTo(email)).hasSize(1);
		assertThat(jdbc.sql("select outcome from workflow_step_log where run_id = :id order by id")
			.param("id", run).query(String.class).list()).containsExactly("waiting", "sent", "already_sent");
	}

	@Test
	void refusesToSendWithoutConsentAndLogsTheReason() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String email = "no-consent-" + suffix + "@example.com";
		CustomerId customer = customer("N-" + suffix, "Jun", "Wang", email, "withdrawn");
		String id = activeWorkflow("""
				{"name": "Consent check %s", "trigger": {"trigger_type": "manual", "config": {}},
				 "steps": [{"action_type": "send_email", "config": {"template_id": "welcome_01", "subject": "Hi {customer_name}"}}]}"""
			.formatted(suffix));
		JsonNode entered = body(mvc.perform(post("/api/automation/workflows/" + id + "/trigger")
			.with(user("m").roles("MARKETER")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"customer_ids\": [\"" + customer.value() + "\"]}")).andExpect(status().isOk()));
		UUID run = UUID.fromString(entered.get("run_ids").get(0).asString());
		await().atMost(Duration.ofSeconds(30)).until(() -> state(run), "completed"::equals);
		assertThat(messagesTo(email)).isEmpty();
		mvc.perform(get("/api/messaging/messages").param("customer_id", customer.value().toString())
			.with(user("v").roles("VIEWER")))
			.andExpect(jsonPath("$.items[0].status").value("refused"))
			.andExpect(jsonPath("$.items[0].reason").value("consent_missing"));
		mvc.perform(get("/api/automation/runs/" + run).with(user("v").roles("VIEWER")))
			.andExpect(jsonPath("$.steps[0].outcome").value("refused: consent_missing"));
	}

	@Test
	void sendsOnceForTheSameIdempotencyKey() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String email = "once-" + suffix + "@example.com";
		CustomerId customer = customer("O-" + suffix, "An", "<b>Li</b>", email, "granted");
		OutboundMessage message = new OutboundMessage("test:" + suffix, customer, "email", "welcome_01",
				"Hello {customer_name}", null);
		Delivery first = sending.send(message);
		Delivery second = sending.send(message);
		assertThat(first.status()).isEqualTo("sent");
		assertThat(second.status()).isEqualTo("duplicate");
		List<MimeMessage> received = messagesTo(email);
		assertThat(received).hasSize(1);
		String raw = GreenMailUtil.getWholeMessage(received.get(0));
		assertThat(raw).contains("&lt;b&gt;Li&lt;/b&gt;").contains("/t/o/");
	}

	@Test
	void resendsAMessageLeftQueuedOnlyAfterItsLeaseWithTheSameMessageId() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String email = "resend-" + suffix + "@example.com";
		CustomerId customer = customer("R-" + suffix, "Lan", "Zhou", email, "granted");
		OutboundMessage message = new OutboundMessage("resend:" + suffix, customer, "email", "welcome_01", "Hi", null);
		Delivery first = sending.send(message);
		assertThat(first.status()).isEqualTo("sent");
		// as if the engine was killed after SMTP accepted the message, before it was marked sent
		jdbc.sql("update message set status = 'queued', attempted_at = now() where idempotency_key = :k")
			.param("k", "resend:" + suffix).update();
		Delivery inFlight = sending.send(message);
		assertThat(inFlight.status()).isEqualTo("deferred");
		assertThat(inFlight.reason()).isEqualTo("attempt_in_flight");
		assertThat(messagesTo(email)).hasSize(1);

		jdbc.sql("update message set attempted_at = now() - interval '1 minute' where idempotency_key = :k")
			.param("k", "resend:" + suffix).update();
		Delivery again = sending.send(message);
		assertThat(again.status()).isEqualTo("sent");
		assertThat(again.messageId()).isEqualTo(first.messageId());
		List<MimeMessage> received = messagesTo(email);
		assertThat(received).as("at-least-once: the unconfirmed message is sent again").hasSize(2);
		assertThat(received.get(0).getMessageID()).isEqualTo("<" + first.messageId() + "@atrium.local>")
			.isEqualTo(received.get(1).getMessageID());
		assertThat(sending.send(message).status()).as("a confirmed message is final").isEqualTo("duplicate");
		assertThat(messagesTo(email)).hasSize(2);
	}

	@Test
	void tracksOpensAndClicksAndRedirectsOnlyToTheStoredUrl() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String email = "track-" + suffix + "@example.com";
		CustomerId customer = customer("T-" + suffix, "Hua", "Zhang", email, "granted");
		assertThat(sending.send(new OutboundMessage("track:" + suffix, customer, "email", "promo_01", "Sale", null))
			.status()).isEqualTo("sent");
		String raw = GreenMailUtil.getWholeMessage(messagesTo(email).get(0)).replace("=\r\n", "").replace("=\n", "");
		java.util.regex.Matcher open = java.util.regex.Pattern.compile("/t/o/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)").matcher(raw);
		java.util.regex.Matcher click = java.util.regex.Pattern.compile("/t/c/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)").matcher(raw);
		assertThat(open.find()).isTrue();
		assertThat(click.find()).isTrue();

		mvc.perform(get("/t/c/" + click.group(1) + "x").param("url", "https://evil.example"))
			.andExpect(status().isNotFound());
		mvc.perform(get("/t/o/" + open.group(1))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().contentType("image/gif"));
		mvc.perform(get("/t/c/" + click.group(1)).param("url", "https://evil.example"))
			.andExpect(status().isFound())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
				.string("Location", "https://www.example.com/sale"));

		mvc.perform(get("/api/messaging/messages").param("customer_id", customer.value().toString())
			.with(user("v").roles("VIEWER")))
			.andExpect(jsonPath("$.items[0].status").value("clicked"))
			.andExpect(jsonPath("$.items[0].opened_at").isNotEmpty());
		assertThat(jdbc.sql("select touchpoint_type from touchpoint where customer_id = :c order by touchpoint_type")
			.param("c", customer.value()).query(String.class).list()).containsExactly("email_click", "email_open");
	}

	@Test
	void rejectsInvalidDefinitionsNamingThePath() throws Exception {
		mvc.perform(post("/api/automation/workflows").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"name": "Bad", "trigger": {"trigger_type": "lifecycle_stage", "config": {"stage": "awareness"}},
					 "steps": [{"action_type": "send_email", "config": {"template_id": "t", "subject": "s"}},
					           {"action_type": "wait", "config": {"wait_hours": -1}}]}"""))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("steps[1].config.wait_hours"));
		mvc.perform(post("/api/automation/workflows").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"name": "Bad", "trigger": {"trigger_type": "eval", "config": {}},
					 "steps": [{"action_type": "run_script", "config": {}}]}"""))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("trigger.trigger_type"))
			.andExpect(jsonPath("$.errors[1].field").value("steps[0].action_type"));
	}

	@Test
	void guardsTheLifecycleAndVersionsEditsOfActiveWorkflows() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		JsonNode created = body(mvc.perform(post("/api/automation/workflows").with(user("m").roles("ADMIN"))
			.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(WELCOME)).andExpect(status().isCreated()));
		String id = created.get("id").asString();
		mvc.perform(post("/api/automation/workflows/" + id + "/pause").with(user("m").roles("ADMIN")).with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("cannot pause a workflow that is draft"));
		mvc.perform(put("/api/automation/workflows/" + id).with(user("m").roles("ADMIN")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(WELCOME.replace("welcome_01", "welcome_02")))
			.andExpect(jsonPath("$.version").value(1));
		mvc.perform(post("/api/automation/workflows/" + id + "/start").with(user("m").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk());
		mvc.perform(put("/api/automation/workflows/" + id).with(user("m").roles("ADMIN")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(WELCOME.replace("welcome_01", "welcome_03" + suffix)))
			.andExpect(jsonPath("$.version").value(2))
			.andExpect(jsonPath("$.status").value("active"))
			.andExpect(jsonPath("$.steps[1].config.template_id").value("welcome_03" + suffix));
		mvc.perform(post("/api/automation/workflows/" + id + "/archive").with(user("m").roles("ADMIN")).with(csrf()))
			.andExpect(jsonPath("$.status").value("archived"));
		mvc.perform(post("/api/automation/workflows/" + id + "/start").with(user("m").roles("ADMIN")).with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("cannot start a workflow that is archived"));
		mvc.perform(get("/api/automation/workflows").param("limit", "1").with(user("v").roles("VIEWER")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(1));
	}

	private String activeWorkflow(String definition) throws Exception {
		String id = body(mvc.perform(post("/api/automation/workflows").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(definition)).andExpect(status().isCreated()))
			.get("id").asString();
		mvc.perform(post("/api/automation/workflows/" + id + "/start").with(user("m").roles("MARKETER")).with(csrf()))
			.andExpect(status().isOk());
		return id;
	}

	private CustomerId customer(String externalId, String first, String last, String email, String consent)
			throws Exception {
		mvc.perform(post("/api/customers").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(java.util.Map.of("external_id", externalId, "first_name", first,
					"last_name", last, "email", email, "consents", java.util.Map.of("email", consent)))))
			.andExpect(status().isCreated());
		return directory.findByExternalId(externalId).orElseThrow().id();
	}

	private List<MimeMessage> messagesTo(String email) throws Exception {
		List<MimeMessage> result = new java.util.ArrayList<>();
		for (MimeMessage message : SMTP.getReceivedMessages()) {
			if (message.getAllRecipients()[0].toString().equals(email)) {
				result.add(message);
			}
		}
		return result;
	}

	private UUID runOf(String workflowId, CustomerId customer) {
		return jdbc.sql("select id from workflow_run where workflow_id = :w and customer_id = :c")
			.param("w", UUID.fromString(workflowId)).param("c", customer.value()).query(UUID.class).optional()
			.orElse(null);
	}

	private String state(UUID run) {
		return jdbc.sql("select state from workflow_run where id = :id").param("id", run).query(String.class).single();
	}

	private int stepIndex(UUID run) {
		return jdbc.sql("select step_index from workflow_run where id = :id").param("id", run).query(Integer.class)
			.single();
	}

	private JsonNode body(ResultActions result) throws Exception {
		return json.readTree(result.andReturn().getResponse().getContentAsString());
	}
}
