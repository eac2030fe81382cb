package io.atrium.automation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.customer.CustomerDirectory;
import io.atrium.scoring.LeadQualified;
import io.atrium.scoring.LeadScoresChanged;
import io.atrium.segment.SegmentConditions;
import io.atrium.segment.SegmentMembership;
import io.atrium.shared.CustomerId;
import io.atrium.tracking.TouchpointRecorded;
import io.atrium.tracking.TouchpointsRecorded;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The segment, score, time and manual-over-a-segment triggers; the actions applied through the owning modules'
 * public write APIs (profile fields and traits, static segments); {@code branch} on the segment rule tree; waiting for
 * an event with a timeout; goal conversion and revenue in the performance report. The step and time tasks have their
 * own names so that engines of other test contexts in this JVM leave these runs alone.
 */
@SpringBootTest(properties = { "atrium.automation.step-task=automation-step-triggers",
		"atrium.automation.time-task=automation-time-triggers" })
@AutoConfigureMockMvc
@Import(AdjustableClock.Config.class)
class AutomationTriggersAndActionsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CustomerDirectory directory;

	@Autowired
	SegmentMembership memberships;

	@Autowired
	SegmentConditions conditions;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	AdjustableClock clock;

	@Autowired
	RunExecution execution;

	@Autowired
	TimeTriggers timeTriggers;

	@Test
	void segmentTriggersEnterCustomersEnteringAndLeavingTheSegment() throws Exception {
		String suffix = suffix();
		String segment = staticSegment("Entering " + suffix);
		String onEnter = activeWorkflow(workflow("On enter " + suffix, "segment",
				Map.of("segment_id", segment, "on", "enter"), task("entered " + suffix)));
		String onLeave = activeWorkflow(workflow("On leave " + suffix, "segment",
				Map.of("segment_id", segment, "on", "leave"), task("left " + suffix)));
		CustomerId customer = customer("SEG-" + suffix, "silver");

		addMember(segment, "SEG-" + suffix);
		await().atMost(Duration.ofSeconds(30)).until(() -> runs(onEnter, customer) == 1);
		assertThat(runs(onLeave, customer)).isZero();
		await().atMost(Duration.ofSeconds(30)).until(() -> tasks("entered " + suffix) == 1);

		mvc.perform(delete("/api/segments/" + segment + "/members/SEG-" + suffix).with(user("m").roles("MARKETER"))
			.with(csrf())).andExpect(status().isNoContent());
		await().atMost(Duration.ofSeconds(30)).until(() -> runs(onLeave, customer) == 1);
		await().atMost(Duration.ofSeconds(30)).until(() -> tasks("left " + suffix) == 1);
		assertThat(runs(onEnter, customer)).isEqualTo(1);
	}

	@Test
	void scoreTriggersEnterCustomersQualifying() throws Exception {
		String suffix = suffix();
		String mql = activeWorkflow(workflow("MQL " + suffix, "score", Map.of("qualification", "mql"),
				task("mql " + suffix)));
		String any = activeWorkflow(workflow("Qualified " + suffix, "score", Map.of("qualified", true),
				task("qualified " + suffix)));
		CustomerId first = customer("SC1-" + suffix, null);
		CustomerId second = customer("SC2-" + suffix, null);
		tx.executeWithoutResult(s -> {
			events.publishEvent(new LeadQualified(first, "lead", "mql", "mql-composite", 61.5, clock.instant()));
			events.publishEvent(new LeadQualified(second, "lead", "sql", "sql-composite", 82.0, clock.instant()));
		});
		await().atMost(Duration.ofSeconds(30)).until(() -> runs(any, first) == 1 && runs(any, second) == 1);
		await().atMost(Duration.ofSeconds(30)).until(() -> runs(mql, first) == 1);
		assertThat(runs(mql, second)).as("sql is not the configured qualification").isZero();

		// a downgrade is not a qualification
		CustomerId third = customer("SC3-" + suffix, null);
		tx.executeWithoutResult(s -> events
			.publishEvent(new LeadQualified(third, "sql", "mql", "mql-composite", 55.0, clock.instant())));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
			.until(() -> runs(mql, third) + runs(any, third) == 0);
	}

	@Test
	void scoreThresholdTriggersEnterOnUpwardCrossingsOnly() throws Exception {
		String suffix = suffix();
		String once = activeWorkflow(workflow("Threshold " + suffix, "score", Map.of("threshold", 70),
				task("threshold " + suffix)));
		CustomerId customer = customer("TH1-" + suffix, null);
		Instant t = clock.instant();
		publishScores(customer, 40, t);
		publishScores(customer, 75, t.plusSeconds(1));
		await().atMost(Duration.ofSeconds(30)).until(() -> runs(once, customer) == 1);

		// still above, then a late older score below: neither is a crossing
		publishScores(customer, 90, t.plusSeconds(2));
		publishScores(customer, 10, t.minusSeconds(60));
		// below, then above again: a crossing, but this workflow allows no re-entry
		publishScores(customer, 30, t.plusSeconds(3));
		publishScores(customer, 80, t.plusSeconds(4));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> runs(once, customer) == 1);
		assertThat(jdbc.sql("select above from workflow_score_side where workflow_id = :w and customer_id = :c")
			.param("w", UUID.fromString(once)).param("c", customer.value()).query(Boolean.class).single()).isTrue();

		mvc.perform(post("/api/automation/workflows").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(workflow("Bad threshold " + suffix, "score", Map.of("threshold", 170, "score", "karma"), task("t"))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
					"trigger.config.threshold", "trigger.config.score")));
	}

	private void publishScores(CustomerId customer, double composite, Instant at) {
		tx.executeWithoutResult(s -> events.publishEvent(new LeadScoresChanged(List.of(
				new LeadScoresChanged.Change(customer, composite, composite, 50, 50, 0, "warm", at)))));
	}

	@Test
	void manualTriggerTakesTheMallsCustomerIds() throws Exception {
		String suffix = suffix();
		String id = activeWorkflow(workflow("By external id " + suffix, "manual", Map.of(), task("ext " + suffix)));
		CustomerId customer = customer("EXT1-" + suffix, null);
		mvc.perform(post("/api/automation/workflows/" + id + "/trigger").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customer_ids\": [\"EXT1-" + suffix + "\"]}"))
			.andExpect(status().isOk());
		assertThat(runs(id, customer)).isEqualTo(1);

		mvc.perform(post("/api/automation/workflows/" + id + "/trigger").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customer_ids\": [\"EXT1-" + suffix + "\", \"NOBODY-" + suffix + "\"]}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("customer_ids[1]"));
		assertThat(runs(id, customer)).as("a refused trigger enters nobody").isEqualTo(1);
	}

	@Test
	void manualTriggerOverASegmentEntersEveryMemberAsAJobAndDryRunsOverASegment() throws Exception {
		String suffix = suffix();
		String segment = staticSegment("Manual " + suffix);
		List<CustomerId> members = List.of(customer("MAN1-" + suffix, null), customer("MAN2-" + suffix, null),
				customer("MAN3-" + suffix, null));
		CustomerId outsider = customer("MAN4-" + suffix, null);
		addMember(segment, "MAN1-" + suffix, "MAN2-" + suffix, "MAN3-" + suffix);
		String id = activeWorkflow(workflow("Manual " + suffix, "manual", Map.of(), task("manual " + suffix)));

		JsonNode dry = body(mvc.perform(post("/api/automation/workflows/" + id + "/dry-run")
			.with(user("m").roles("MARKETER")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"segment_id\": \"" + segment + "\"}")).andExpect(status().isOk()));
		assertThat(dry.get("customers")).hasSize(3);
		assertThat(runs(id, members.get(0))).as("a dry run enters nobody").isZero();

		JsonNode job = body(mvc.perform(post("/api/automation/workflows/" + id + "/trigger")
			.with(user("m").roles("MARKETER")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"segment_id\": \"" + segment + "\"}")).andExpect(status().isAccepted()));
		assertThat(job.get("job_id").asString()).isNotBlank();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> members.stream().allMatch(m -> runs(id, m) == 1));
		assertThat(runs(id, outsider)).isZero();
		mvc.perform(get("/api/jobs/" + job.get("job_id").asString()).with(user("m").roles("MARKETER")))
			.andExpect(status().isOk());
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
			.sql("select status from job where id = :id").param("id", UUID.fromString(job.get("job_id").asString()))
			.query(String.class).single().equals("succeeded"));

		mvc.perform(post("/api/automation/workflows/" + id + "/trigger").with(user("m").roles("MARKETER"))
			.with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"segment_id\": \"" + UUID.randomUUID() + "\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("segment_id"));
	}

	@Test
	void timeTriggersEnterASegmentAtADateAndOnACronSchedule() throws Exception {
		String suffix = suffix();
		String segment = staticSegment("Timed " + suffix);
		CustomerId member = customer("TIME-" + suffix, null);
		addMember(segment, "TIME-" + suffix);

		String once = activeWorkflow(workflow("Once " + suffix, "time",
				Map.of("segment_id", segment, "at", clock.instant().minusSeconds(60).toString()), task("once " + suffix)));
		await().atMost(Duration.ofSeconds(30)).until(() -> runs(once, member) == 1);

		mvc.perform(post("/api/automation/workflows").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(workflow("Bad cron " + suffix, "time", Map.of("segment_id", segment, "cron", "every monday"),
					task("t"))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("trigger.config.cron"));

		// every Monday 10:00 in Shanghai; the clock stands at Tuesday 2026-11-24 10:00 there
		String weekly = activeWorkflow(workflow("Weekly " + suffix, "time",
				Map.of("segment_id", segment, "cron", "0 0 10 * * MON"), task("weekly " + suffix)));
		Instant monday = Instant.parse("2026-11-30T02:00:00Z");
		String data = weekly + "/1/" + monday.toEpochMilli();
		assertThat(scheduled(data)).as("next occurrence scheduled").isTrue();
		assertThat(runs(weekly, member)).isZero();

		timeTriggers.fire(data);
		assertThat(runs(weekly, member)).as("an occurrence the clock has not reached enters nobody").isZero();
		clock.advance(Duration.ofDays(6));
		timeTriggers.fire(data);
		assertThat(runs(weekly, member)).isEqualTo(1);
		assertThat(scheduled(weekly + "/1/" + monday.plus(Duration.ofDays(7)).toEpochMilli()))
			.as("the following occurrence is booked").isTrue();
		clock.advance(Duration.ofDays(-6));
	}

	@Test
	void appliesProfileAndSegmentActionsThroughTheOwningModules() throws Exception {
		String suffix = suffix();
		String add = staticSegment("Add " + suffix);
		String remove = staticSegment("Remove " + suffix);
		CustomerId customer = customer("ACT-" + suffix, "silver");
		addMember(remove, "ACT-" + suffix);
		String id = activeWorkflow(json.writeValueAsString(Map.of("name", "Actions " + suffix, "trigger",
				Map.of("trigger_type", "manual", "config", Map.of()), "steps",
				List.of(Map.of("action_type", "update_field", "config", Map.of("field", "member_tier", "value", "gold")),
						Map.of("action_type", "update_field", "config", Map.of("trait", "vip_event", "value", true)),
						Map.of("action_type", "add_to_segment", "config", Map.of("segment_id", add)),
						Map.of("action_type", "remove_from_segment", "config", Map.of("segment_id", remove))))));
		UUID run = trigger(id, customer);
		await().atMost(Duration.ofSeconds(30)).until(() -> state(run).equals("completed"));
		assertThat(directory.find(customer).orElseThrow().memberTier()).isEqualTo("gold");
		mvc.perform(get("/api/customers/ACT-" + suffix).with(user("v").roles("ADMIN")))
			.andExpect(jsonPath("$.traits.vip_event").value(true));
		assertThat(memberships.isMember(UUID.fromString(add), customer)).isTrue();
		assertThat(memberships.isMember(UUID.fromString(remove), customer)).isFalse();
		assertThat(jdbc.sql("select outcome from workflow_step_log where run_id = :r order by id").param("r", run)
			.query(String.class).list())
			.containsExactly("field_set: member_tier", "trait_set: vip_event", "added", "removed");

		// a step re-run (resume) is harmless: the same value, already a member, no longer a member
		jdbc.sql("update workflow_run set state = 'running', step_index = 2, finished_at = null where id = :r")
			.param("r", run).update();
		execution.execute(run, 2);
		execution.execute(run, 3);
		assertThat(state(run)).isEqualTo("completed");
		assertThat(memberships.isMember(UUID.fromString(add), customer)).isTrue();

		// a dynamic segment is not a list: the step fails into the dead letters, naming why
		String dynamic = body(mvc.perform(post("/api/segments").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("name", "Dyn " + suffix,
					"type", "dynamic", "rule", Map.of("type", "profile", "field", "city", "op", "eq", "value", "Nowhere")))))
			.andExpect(status().isCreated())).get("id").asString();
		String failing = activeWorkflow(json.writeValueAsString(Map.of("name", "Dyn add " + suffix, "trigger",
				Map.of("trigger_type", "manual", "config", Map.of()), "steps",
				List.of(Map.of("action_type", "add_to_segment", "config", Map.of("segment_id", dynamic))))));
		UUID failed = trigger(failing, customer);
		await().atMost(Duration.ofSeconds(30)).until(() -> state(failed).equals("failed"));
		assertThat(memberships.isMember(UUID.fromString(dynamic), customer)).isFalse();
	}

	@Test
	void branchesOnTheSegmentRuleTree() throws Exception {
		String suffix = suffix();
		CustomerId gold = customer("BG-" + suffix, "gold");
		CustomerId silver = customer("BS-" + suffix, "silver");
		Map<String, Object> rule = Map.of("type", "and", "children",
				List.of(Map.of("type", "profile", "field", "member_tier", "op", "eq", "value", "gold"),
						Map.of("type", "consent", "channel", "email", "status", "granted")));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> conditions.matches(json.valueToTree(rule), gold) && conditions.matches(json.valueToTree(
					Map.of("type", "profile", "field", "member_tier", "op", "eq", "value", "silver")), silver));
		String id = activeWorkflow(json.writeValueAsString(Map.of("name", "Branch " + suffix, "trigger",
				Map.of("trigger_type", "manual", "config", Map.of()), "steps",
				List.of(Map.of("action_type", "branch", "config", Map.of("rule", rule, "yes_step", 1, "no_step", 3)),
						Map.of("action_type", "create_task", "config", Map.of("title", "gold " + suffix)),
						Map.of("action_type", "exit", "config", Map.of()),
						Map.of("action_type", "create_task", "config", Map.of("title", "other " + suffix))))));
		UUID goldRun = trigger(id, gold);
		UUID silverRun = trigger(id, silver);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> state(goldRun).equals("exited") && state(silverRun).equals("completed"));
		assertThat(taskOf(goldRun)).containsExactly("gold " + suffix);
		assertThat(taskOf(silverRun)).containsExactly("other " + suffix);

		// multi-way: the first matching case, else the default
		CustomerId bronze = customer("BB-" + suffix, "bronze");
		String multi = activeWorkflow(json.writeValueAsString(Map.of("name", "Multi " + suffix, "trigger",
				Map.of("trigger_type", "manual", "config", Map.of()), "steps", List.of(
						Map.of("action_type", "branch", "config", Map.of("cases", List.of(
								Map.of("rule", Map.of("type", "profile", "field", "member_tier", "op", "eq", "value", "gold"), "step", 1),
								Map.of("rule", Map.of("type", "profile", "field", "member_tier", "op", "eq", "value", "silver"), "step", 3)),
								"default_step", 5)),
						Map.of("action_type", "create_task", "config", Map.of("title", "case gold " + suffix)),
						Map.of("action_type", "exit", "config", Map.of()),
						Map.of("action_type", "create_task", "config", Map.of("title", "case silver " + suffix)),
						Map.of("action_type", "exit", "config", Map.of()),
						Map.of("action_type", "create_task", "config", Map.of("title", "default " + suffix))))));
		await().atMost(Duration.ofSeconds(30)).until(() -> conditions.matches(json.valueToTree(
				Map.of("type", "profile", "field", "member_tier", "op", "eq", "value", "bronze")), bronze));
		UUID multiGold = trigger(multi, gold);
		UUID multiSilver = trigger(multi, silver);
		UUID multiBronze = trigger(multi, bronze);
		await().atMost(Duration.ofSeconds(30)).until(() -> taskOf(multiGold).size() == 1
				&& taskOf(multiSilver).size() == 1 && taskOf(multiBronze).size() == 1);
		assertThat(taskOf(multiGold)).containsExactly("case gold " + suffix);
		assertThat(taskOf(multiSilver)).containsExactly("case silver " + suffix);
		assertThat(taskOf(multiBronze)).containsExactly("default " + suffix);

		mvc.perform(post("/api/automation/workflows").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("name", "Bad branch", "trigger",
					Map.of("trigger_type", "manual", "config", Map.of()), "steps",
					List.of(Map.of("action_type", "branch", "config", Map.of("rule",
							Map.of("type", "profile", "field", "password", "op", "eq", "value", "x"), "yes_step", 1,
							"no_step", 1)))))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value(org.hamcrest.Matchers.startsWith("steps[0].config.rule")));
	}

	@Test
	void waitsForAnEventOrItsTimeoutWhicheverComesFirstExactlyOnceAndCountsTheGoal() throws Exception {
		String suffix = suffix();
		String id = activeWorkflow(json.writeValueAsString(Map.of("name", "Wait purchase " + suffix, "trigger",
				Map.of("trigger_type", "manual", "config", Map.of()), "settings",
				Map.of("goal_touchpoint_type", "purchase", "goal_window_days", 7), "steps",
				List.of(Map.of("action_type", "wait", "config",
						Map.of("until_event", "purchase", "timeout_hours", 24, "timeout_step", 3)),
						Map.of("action_type", "create_task", "config", Map.of("title", "bought " + suffix)),
						Map.of("action_type", "exit", "config", Map.of("reason", "done")),
						Map.of("action_type", "create_task", "config", Map.of("title", "no purchase " + suffix))))));
		CustomerId buyer = customer("WB-" + suffix, null);
		CustomerId idle = customer("WI-" + suffix, null);
		UUID buyerRun = trigger(id, buyer);
		UUID idleRun = trigger(id, idle);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> state(buyerRun).equals("waiting") && state(idleRun).equals("waiting"));

		clock.advance(Duration.ofHours(2));
		purchase(buyer, new BigDecimal("520.00"));
		await().atMost(Duration.ofSeconds(30)).until(() -> state(buyerRun).equals("exited"));
		assertThat(taskOf(buyerRun)).containsExactly("bought " + suffix);

		clock.advance(Duration.ofHours(23));
		assertThat(execution.runDueSteps()).isGreaterThanOrEqualTo(1);
		await().atMost(Duration.ofSeconds(30)).until(() -> state(idleRun).equals("completed"));
		assertThat(taskOf(idleRun)).containsExactly("no purchase " + suffix);

		// the losers of each race do nothing: a late timeout for the buyer, a late purchase for the idle customer
		execution.execute(buyerRun, 0);
		purchase(idle, new BigDecimal("80.00"));
		Thread.sleep(1500);
		assertThat(taskOf(buyerRun)).containsExactly("bought " + suffix);
		assertThat(taskOf(idleRun)).containsExactly("no purchase " + suffix);
		assertThat(outcomes(buyerRun, 0)).containsExactly("waiting_for: purchase", "event: purchase");
		assertThat(outcomes(idleRun, 0)).containsExactly("waiting_for: purchase", "timeout: purchase");

		JsonNode performance = body(mvc.perform(get("/api/automation/workflows/" + id + "/performance")
			.with(user("a").roles("ANALYST"))).andExpect(status().isOk()));
		assertThat(performance.get("entered").asLong()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(10)).until(() -> body(mvc.perform(get("/api/automation/workflows/" + id
				+ "/performance").with(user("a").roles("ANALYST")))).get("goal").get("converted").asLong() == 2);
		performance = body(mvc.perform(get("/api/automation/workflows/" + id + "/performance")
			.with(user("a").roles("ANALYST"))).andExpect(status().isOk()));
		assertThat(performance.get("goal").get("touchpoint_type").asString()).isEqualTo("purchase");
		assertThat(performance.get("goal").get("conversion_rate").asDouble()).isEqualTo(1.0);
		assertThat(performance.get("goal").get("revenue").decimalValue()).isEqualByComparingTo("600.00");

		// a purchase past the goal window is not attributed
		clock.advance(Duration.ofDays(8));
		purchase(buyer, new BigDecimal("999.00"));
		Thread.sleep(1500);
		assertThat(body(mvc.perform(get("/api/automation/workflows/" + id + "/performance")
			.with(user("a").roles("ANALYST")))).get("goal").get("revenue").decimalValue()).isEqualByComparingTo("600.00");
		clock.advance(Duration.ofDays(-8).minusHours(25));
	}

	private void purchase(CustomerId customer, BigDecimal amount) {
		tx.executeWithoutResult(s -> events.publishEvent(TouchpointsRecorded.of(new TouchpointRecorded(
				UUID.randomUUID(), customer, "purchase", "pos", clock.instant(), amount, null, "store-1"))));
	}

	private List<String> outcomes(UUID run, int step) {
		return jdbc.sql("select outcome from workflow_step_log where run_id = :r and step_index = :s order by id")
			.param("r", run).param("s", step).query(String.class).list();
	}

	private List<String> taskOf(UUID run) {
		return jdbc.sql("select title from automation_task where run_id = :r").param("r", run).query(String.class)
			.list();
	}

	private boolean scheduled(String data) {
		return jdbc.sql("select count(*) from scheduled_tasks where task_name = 'automation-time-triggers' and task_instance = :d")
			.param("d", data).query(Long.class).single() == 1;
	}

	private UUID trigger(String workflow, CustomerId customer) throws Exception {
		JsonNode entered = body(mvc.perform(post("/api/automation/workflows/" + workflow + "/trigger")
			.with(user("m").roles("MARKETER")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"customer_ids\": [\"" + customer.value() + "\"]}")).andExpect(status().isOk()));
		return UUID.fromString(entered.get("run_ids").get(0).asString());
	}

	private String state(UUID run) {
		return jdbc.sql("select state from workflow_run where id = :id").param("id", run).query(String.class).single();
	}

	private long runs(String workflow, CustomerId customer) {
		return jdbc.sql("select count(*) from workflow_run where workflow_id = :w and customer_id = :c")
			.param("w", UUID.fromString(workflow)).param("c", customer.value()).query(Long.class).single();
	}

	private long tasks(String title) {
		return jdbc.sql("select count(*) from automation_task where title = :t").param("t", title).query(Long.class)
			.single();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private static Map<String, Object> task(String title) {
		return Map.of("action_type", "create_task", "config", Map.of("title", title));
	}

	private String workflow(String name, String triggerType, Map<String, Object> config, Map<String, Object> step)
			throws Exception {
		return json.writeValueAsString(Map.of("name", name, "trigger",
				Map.of("trigger_type", triggerType, "config", config), "steps", List.of(step)));
	}

	private String activeWorkflow(String definition) throws Exception {
		String id = body(mvc.perform(post("/api/automation/workflows").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(definition)).andExpect(status().isCreated()))
			.get("id").asString();
		mvc.perform(post("/api/automation/workflows/" + id + "/start").with(user("m").roles("MARKETER")).with(csrf()))
			.andExpect(status().isOk());
		return id;
	}

	private String staticSegment(String name) throws Exception {
		return body(mvc.perform(post("/api/segments").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("name", name, "type", "static")))).andExpect(status().isCreated()))
			.get("id").asString();
	}

	private void addMember(String segment, String... externalIds) throws Exception {
		mvc.perform(post("/api/segments/" + segment + "/members").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("customer_ids", List.of(externalIds)))))
			.andExpect(status().isOk());
	}

	private CustomerId customer(String externalId, String tier) throws Exception {
		Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("external_id", externalId, "first_name", "Ying",
				"last_name", "Chen", "email", externalId.toLowerCase() + "@example.com", "consents",
				Map.of("email", "granted")));
		if (tier != null) {
			body.put("member_tier", tier);
		}
		mvc.perform(post("/api/customers").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)))
			.andExpect(status().isCreated());
		return directory.findByExternalId(externalId).orElseThrow().id();
	}

	private JsonNode body(ResultActions result) throws Exception {
		return json.readTree(result.andReturn().getResponse().getContentAsString());
	}
}
