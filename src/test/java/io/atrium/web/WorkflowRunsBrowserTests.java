package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.testing.HttpApi;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import tools.jackson.databind.JsonNode;

/**
 * The workflow's run log: runs listed (filterable by state) with their customers, one run's step log; dead letters;
 * and the builder's time trigger, saved in exactly the shape the automation API validates and shown again when
 * the workflow is edited.
 */
class WorkflowRunsBrowserTests extends BrowserTestSupport {

	@Test
	void runsOfAWorkflowAreListedAndOneRunShowsItsStepLog() throws Exception {
		String admin = api.adminToken();
		String name = "Run log " + UUID.randomUUID().toString().substring(0, 6);
		HttpApi.Response created = api.post("/api/automation/workflows", admin, Map.of("name", name, "trigger",
				Map.of("trigger_type", "manual", "config", Map.of()), "steps",
				List.of(Map.of("action_type", "ab_split", "config", Map.of("variants",
						List.of(Map.of("name", "A", "weight", 50, "step", 1), Map.of("name", "B", "weight", 50, "step", 1)))),
						Map.of("action_type", "wait", "config", Map.of("wait_minutes", 1)),
						Map.of("action_type", "exit", "config", Map.of()))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(api.post("/api/automation/workflows/" + id + "/start", admin, Map.of()).status()).isEqualTo(200);
		HttpApi.Response triggered = api.post("/api/automation/workflows/" + id + "/trigger", admin,
				Map.of("customer_ids", List.of("CUST731", "CUST732", "CUST733")));
		assertThat(triggered.status()).as(triggered.body()).isEqualTo(200);
		assertThat(triggered.json().get("run_ids").size()).isEqualTo(3);
		String runId = triggered.json().get("run_ids").get(0).asString();

		// the runs reach the wait (the test clock stands still, so they stay waiting there)
		for (JsonNode run : triggered.json().get("run_ids")) {
			await().atMost(Duration.ofSeconds(90)).until(() -> !List.of("pending", "running")
				.contains(api.get("/api/automation/runs/" + run.asString(), admin).json().get("state").asString()));
			HttpApi.Response state = api.get("/api/automation/runs/" + run.asString(), admin);
			assertThat(state.json().get("state").asString()).as(state.body()).isEqualTo("waiting");
		}

		signInAsAdmin();
		browser.get(url("/workflows/" + id));
		List<WebElement> rows = browser.findElements(By.cssSelector("#run-list .run-row"));
		assertThat(rows).hasSize(3);
		assertThat(browser.findElement(By.id("run-list")).getText()).contains("CUST731", "CUST732", "CUST733",
				"Waiting", "Next: 3. Exit");
		for (WebElement row : rows) {
			assertThat(row.findElements(By.tagName("td")).get(6).getText()).isIn("A", "B");
		}
		assertThat(browser.findElement(By.cssSelector("#run-list .run-customer")).getAttribute("href"))
			.matches(".*/customers/CUST73[123]$");
		assertThat(browser.findElement(By.id("no-dead-letters")).getText()).contains("dead-lettered");

		// filtering by state: none completed, all three waiting
		new Select(browser.findElement(By.id("run-state"))).selectByValue("completed");
		browser.findElement(By.id("run-filter-apply")).click();
		waitFor().until(ExpectedConditions.urlContains("state=completed"));
		assertThat(browser.findElements(By.cssSelector("#run-list .run-row"))).isEmpty();
		new Select(browser.findElement(By.id("run-state"))).selectByValue("waiting");
		browser.findElement(By.id("run-filter-apply")).click();
		waitFor().until(ExpectedConditions.urlContains("state=waiting"));
		assertThat(browser.findElements(By.cssSelector("#run-list .run-row"))).hasSize(3);
		// a state that does not exist is explained, not an error
		browser.get(url("/workflows/" + id + "?state=bogus"));
		assertThat(browser.findElement(By.id("workflow-runs")).getText()).contains("not a run state");
		assertThat(browser.findElements(By.cssSelector("#run-list .run-row"))).hasSize(3);

		browser.findElement(By.cssSelector("#run-list .run-row[data-run='" + runId + "'] .run-link")).click();
		waitFor().until(ExpectedConditions.urlContains("/runs/" + runId));
		assertThat(browser.findElement(By.id("run-state")).getText()).isEqualTo("Waiting");
		assertThat(browser.findElement(By.id("run-summary")).getText()).containsPattern("CUST73[123]").contains("Next: 3. Exit");
		List<WebElement> log = browser.findElements(By.cssSelector("#step-log .step-log-row"));
		assertThat(log).hasSizeGreaterThanOrEqualTo(2);
		assertThat(log.get(0).getAttribute("data-action")).isEqualTo("ab_split");
		assertThat(log.get(0).getText()).startsWith("1. A/B split").containsPattern("Variant: [AB]")
			.doesNotContain("ab_split").doesNotContain("??");
		WebElement wait = log.get(log.size() - 1);
		assertThat(wait.getAttribute("data-action")).isEqualTo("wait");
		assertThat(wait.getText()).contains("2. Wait", "Waiting");
		// the page shows what the automation module recorded for this run
		JsonNode recorded = api.get("/api/automation/runs/" + runId, admin).json();
		assertThat(log).hasSize(recorded.get("steps").size());
		assertThat(recorded.get("state").asString()).isEqualTo("waiting");
		saveScreenshot("workflow-run");

		// a run of another workflow is not shown under this one
		browser.get(url("/workflows/" + UUID.randomUUID() + "/runs/" + runId));
		assertThat(browser.findElements(By.id("step-log"))).isEmpty();
	}

	@Test
	void aTimeTriggeredWorkflowIsBuiltSavedAndOpenedAgainAsItWas() throws Exception {
		String admin = api.adminToken();
		String segmentName = "Time trigger audience " + UUID.randomUUID().toString().substring(0, 6);
		HttpApi.Response segment = api.post("/api/segments", admin,
				Map.of("name", segmentName, "description", "for the time trigger", "type", "static"));
		assertThat(segment.status()).as(segment.body()).isEqualTo(201);
		String segmentId = segment.json().get("id").asString();

		signInAsAdmin();
		browser.get(url("/workflows/new"));
		settle();
		browser.findElement(By.id("wf-name")).sendKeys("Saturday reminder");
		new Select(browser.findElement(By.id("wf-trigger-type"))).selectByValue("time");
		assertThat(browser.findElement(By.id("wf-time-at")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.id("wf-time-cron")).isDisplayed()).isFalse();
		new Select(browser.findElement(By.id("wf-time-segment"))).selectByVisibleText(segmentName);
		// a date-time input takes its value as the browser's picker would set it
		js("var input = document.getElementById('wf-time-at'); input.value = '2026-12-05T09:30';"
				+ "input.dispatchEvent(new Event('change', { bubbles: true }));");
		browser.findElement(By.id("add-send_email")).click();
		browser.findElement(By.id("wf-save")).click();
		waitFor().until(ExpectedConditions.urlMatches("/workflows/[0-9a-f-]{36}$"));
		String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);

		JsonNode trigger = api.get("/api/automation/workflows/" + id, admin).json().get("trigger");
		assertThat(trigger.get("trigger_type").asString()).isEqualTo("time");
		JsonNode config = trigger.get("config");
		assertThat(config.get("at").asString()).isEqualTo("2026-12-05T09:30:00+08:00");
		assertThat(config.get("segment_id").asString()).isEqualTo(segmentId);
		assertThat(config.has("cron")).isFalse();
		assertThat(config.size()).isEqualTo(2);
		assertThat(browser.findElement(By.cssSelector(".node.trigger")).getText()).contains("At a time");

		// editing shows the saved values; switching to a cron schedule saves that instead of the date
		browser.findElement(By.id("edit-workflow")).click();
		settle();
		assertThat(new Select(browser.findElement(By.id("wf-trigger-type"))).getFirstSelectedOption()
			.getAttribute("value")).isEqualTo("time");
		assertThat(browser.findElement(By.id("wf-time-at")).getAttribute("value")).isEqualTo("2026-12-05T09:30");
		assertThat(new Select(browser.findElement(By.id("wf-time-segment"))).getFirstSelectedOption().getText())
			.isEqualTo(segmentName);
		new Select(browser.findElement(By.id("wf-time-mode"))).selectByValue("cron");
		assertThat(browser.findElement(By.id("wf-time-cron")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.id("wf-time-at")).isDisplayed()).isFalse();
		browser.findElement(By.id("wf-time-cron")).sendKeys("0 0 10 * * SAT");
		saveScreenshot("workflow-time-trigger");
		browser.findElement(By.id("wf-save")).click();
		waitFor().until(ExpectedConditions.urlMatches("/workflows/[0-9a-f-]{36}$"));
		config = api.get("/api/automation/workflows/" + id, admin).json().get("trigger").get("config");
		assertThat(config.get("cron").asString()).isEqualTo("0 0 10 * * SAT");
		assertThat(config.get("segment_id").asString()).isEqualTo(segmentId);
		assertThat(config.has("at")).isFalse();

		browser.findElement(By.id("edit-workflow")).click();
		settle();
		assertThat(new Select(browser.findElement(By.id("wf-time-mode"))).getFirstSelectedOption()
			.getAttribute("value")).isEqualTo("cron");
		assertThat(browser.findElement(By.id("wf-time-cron")).getAttribute("value")).isEqualTo("0 0 10 * * SAT");

		// a schedule the automation module refuses is shown with its reason, and nothing changes
		browser.findElement(By.id("wf-time-cron")).clear();
		browser.findElement(By.id("wf-time-cron")).sendKeys("every saturday");
		browser.findElement(By.id("wf-save")).click();
		waitFor().until(d -> d.findElement(By.id("wf-errors")).isDisplayed());
		assertThat(browser.findElement(By.id("wf-errors")).getText()).contains("cron");
		assertThat(api.get("/api/automation/workflows/" + id, admin).json().get("trigger").get("config").get("cron")
			.asString()).isEqualTo("0 0 10 * * SAT");
	}

	@Test
	void aStepThatGaveUpIsListedAsADeadLetterWithItsError() throws Exception {
		String admin = api.adminToken();
		// loopback is a private address, which the webhook guard refuses before connecting: the step fails at once
		HttpApi.Response created = api.post("/api/automation/workflows", admin, Map.of("name",
				"Dead letter " + UUID.randomUUID().toString().substring(0, 6), "trigger",
				Map.of("trigger_type", "manual", "config", Map.of()), "steps",
				List.of(Map.of("action_type", "webhook", "config", Map.of("url", "http://127.0.0.1:9/atrium-hook")))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(api.post("/api/automation/workflows/" + id + "/start", admin, Map.of()).status()).isEqualTo(200);
		HttpApi.Response triggered = api.post("/api/automation/workflows/" + id + "/trigger", admin,
				Map.of("customer_ids", List.of("CUST734")));
		String runId = triggered.json().get("run_ids").get(0).asString();
		await().atMost(Duration.ofSeconds(90))
			.until(() -> api.get("/api/automation/runs/" + runId, admin).json().get("state").asString(), "failed"::equals);

		signInAsAdmin();
		browser.get(url("/workflows/" + id + "?state=failed"));
		assertThat(browser.findElements(By.cssSelector("#run-list .run-row"))).hasSize(1);
		assertThat(browser.findElement(By.cssSelector("#run-list .run-state")).getText()).isEqualTo("Failed");
		List<WebElement> letters = browser.findElements(By.cssSelector("#dead-letter-list .dead-letter"));
		assertThat(letters).hasSize(1);
		assertThat(letters.get(0).getText()).contains("1. Webhook").containsIgnoringCase("refused");
		js("document.getElementById('workflow-runs').scrollIntoView()");
		saveScreenshot("workflow-dead-letters");

		letters.get(0).findElement(By.tagName("a")).click();
		waitFor().until(ExpectedConditions.urlContains("/runs/" + runId));
		assertThat(browser.findElement(By.id("run-state")).getText()).isEqualTo("Failed");
		WebElement row = browser.findElement(By.cssSelector("#step-log .step-log-row"));
		assertThat(row.getText()).contains("1. Webhook", "Failed").containsIgnoringCase("refused");
		assertThat(browser.findElement(By.id("side-effects")).getText()).contains("wf:" + runId + ":0", "Refused");
	}
}
