package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.customer.IdentifyingCustomers;
import io.atrium.messaging.Delivery;
import io.atrium.messaging.OutboundMessage;
import io.atrium.messaging.SendingMessages;
import io.atrium.shared.CustomerId;
import io.atrium.testing.HttpApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The customer 360's own sections and actions: the lead score with its history chart, the workflow runs and the
 * messages of the customer (real rows, made through the API and the messaging service first); merging a
 * duplicate through the page (review side by side, confirm) moves its touchpoints to the survivor, and Unmerge
 * reverses it; erase wants the customer id typed; script payloads typed into the new inputs never run; a VIEWER is
 * offered no merge or erase and is refused when forging one.
 */
class CustomerActionsBrowserTests extends BrowserTestSupport {

	@Autowired
	SendingMessages sending;

	@Autowired
	IdentifyingCustomers identifying;

	final String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();

	final String keep = "C360-KEEP-" + tag;

	final String duplicate = "C360-DUP-" + tag;

	final String workflowName = "C360 welcome " + StoredXssBrowserTests.IMG;

	String workflowId;

	String viewer;

	@BeforeAll
	void createCustomersRunsAndMessages() {
		String admin = api.adminToken();
		for (String id : List.of(keep, duplicate)) {
			HttpApi.Response created = api.post("/api/customers", admin,
					Map.of("external_id", id, "first_name", id.equals(keep) ? "Lin" : "Lynn", "last_name", "Chen",
							"city", "Shanghai", "gender", "female", "member_tier", "gold"));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
		}
		List<String> purchases = new ArrayList<>();
		for (int day = 10; day <= 20; day += 5) {
			purchases.add(track(keep, "purchase", day, 200 + day));
			track(duplicate, "store_visit", day, 0);
		}
		// scoring reacts to touchpoints asynchronously: wait until every purchase is in the keeper's ledger
		await().atMost(Duration.ofSeconds(90)).until(() -> {
			List<String> causes = new ArrayList<>();
			api.get("/api/scoring/insights/" + keep + "?limit=500", admin)
				.json()
				.path("history")
				.path("items")
				.forEach(item -> causes.add(item.path("cause_ref").asString()));
			return causes.containsAll(purchases);
		});

		HttpApi.Response workflow = api.post("/api/automation/workflows", admin,
				Map.of("name", workflowName, "trigger", Map.of("trigger_type", "manual", "config", Map.of()), "steps",
						List.of(Map.of("action_type", "wait", "config", Map.of("wait_days", 3)),
								Map.of("action_type", "exit", "config", Map.of()))));
		assertThat(workflow.status()).as(workflow.body()).isEqualTo(201);
		workflowId = workflow.json().get("id").asString();
		assertThat(api.post("/api/automation/workflows/" + workflowId + "/start", admin, Map.of()).status())
			.isEqualTo(200);
		HttpApi.Response entered = api.post("/api/automation/workflows/" + workflowId + "/trigger", admin,
				Map.of("customer_ids", List.of(keep)));
		assertThat(entered.status()).as(entered.body()).isEqualTo(200);
		assertThat(entered.json().path("run_ids").size()).as(entered.body()).isEqualTo(1);

		CustomerId customer = identifying.findByExternalId(keep).orElseThrow();
		Delivery delivery = sending.send(new OutboundMessage("c360-" + tag, customer, "email", "welcome_01",
				"Welcome", null));
		assertThat(delivery.status()).isEqualTo("refused");
		assertThat(delivery.reason()).isEqualTo("consent_missing");

		viewer = "c360-viewer-" + tag.toLowerCase();
		assertThat(api.post("/api/admin/users", admin,
				Map.of("username", viewer, "password", "viewer-password-1", "role", "VIEWER")).status()).isEqualTo(201);
	}

	private String track(String customer, String type, int day, int amount) {
		Map<String, Object> metadata = amount > 0 ? Map.of("amount", amount) : Map.of();
		HttpApi.Response tracked = api.post("/api/journey/touchpoints/track", api.adminToken(),
				Map.of("customer_id", customer, "touchpoint_type", type, "occurred_at",
						"2026-11-" + day + "T11:00:00+08:00", "metadata", metadata));
		assertThat(tracked.status()).as(tracked.body()).isLessThan(300);
		return tracked.json().path("touchpoint_id").asString();
	}

	@Test
	void theCustomer360ShowsTheLeadScoreChartTheRunsAndTheMessages() throws Exception {
		signInAsAdmin();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode insights = api.get("/api/scoring/insights/" + keep + "?limit=500", api.adminToken()).json();
			browser.get(url("/customers/" + keep));
			settle();
			// codes are shown as labels from the bundles, not as stored
			assertThat(browser.findElement(By.id("customer-gender")).getText()).isEqualTo("Female");
			assertThat(browser.findElement(By.id("customer-tier")).getText()).isEqualTo("Gold");
			assertThat(browser.findElement(By.id("stage-timeline")).getText()).contains("first purchase")
				.doesNotContain("first_purchase");
			assertThat(Double.parseDouble(browser.findElement(By.id("lead-composite")).getText()))
				.isCloseTo(insights.path("composite_score").asDouble(), org.assertj.core.data.Offset.offset(0.051));
			waitFor().until(d -> Boolean.TRUE.equals(js(
					"var c = document.getElementById('chart-lead-score'); return !!(c && window.Chart && Chart.getChart(c));")));
			Number points = (Number) js(
					"return Chart.getChart(document.getElementById('chart-lead-score')).data.datasets[0].data.length;");
			Number last = (Number) js(
					"var d = Chart.getChart(document.getElementById('chart-lead-score')).data.datasets[0].data; return d[d.length - 1];");
			long ledger = 0;
			for (JsonNode item : insights.path("history").path("items")) {
				if ("composite".equals(item.path("kind").asString())) {
					ledger++;
				}
			}
			assertThat(points.longValue()).isGreaterThan(0).isEqualTo(ledger);
			assertThat(last.doubleValue()).isCloseTo(insights.path("composite_score").asDouble(),
					org.assertj.core.data.Offset.offset(0.051));
		});
		assertThat(browser.findElement(By.id("lead-quality")).getText()).isNotBlank();
		assertThat(browser.findElements(By.cssSelector("#lead-breakdown tr"))).hasSizeGreaterThanOrEqualTo(3);

		// other tests' active workflows may enter this customer too (the database is shared): look at this one's
		List<WebElement> runs = browser.findElements(By.cssSelector("#customer-runs .run-row"))
			.stream()
			.filter(row -> row.findElement(By.tagName("a")).getAttribute("href").endsWith("/workflows/" + workflowId))
			.toList();
		assertThat(runs).hasSize(1);
		WebElement link = runs.get(0).findElement(By.tagName("a"));
		assertThat(link.getText()).isEqualTo(workflowName);
		assertThat(link.getAttribute("href")).endsWith("/workflows/" + workflowId);
		assertThat(runs.get(0).findElement(By.className("badge")).getText()).isIn("Pending", "Running", "Waiting");

		List<WebElement> messages = browser.findElements(By.cssSelector("#customer-messages .message-row"))
			.stream()
			.filter(row -> row.getText().contains("welcome_01"))
			.toList();
		assertThat(messages).isNotEmpty();
		assertThat(messages.get(0).getText()).contains("Email", "Refused", "welcome_01",
				"2026-11-24 10:00");
		assertThat(messages.get(0).findElement(By.className("message-reason")).getText())
			.isEqualTo("No consent for this channel");
		assertNoScriptRan();

		screenshot("customer-360");
	}

	@Test
	void aDuplicateIsMergedThroughThePageAndItsTouchpointsBelongToTheSurvivor() throws Exception {
		String admin = api.adminToken();
		List<String> touchpointIds = new ArrayList<>();
		api.get("/api/customers/" + duplicate + "/touchpoints", admin)
			.json()
			.path("items")
			.forEach(t -> touchpointIds.add(t.path("touchpoint_id").asString()));
		assertThat(touchpointIds).hasSize(3);
		for (String id : touchpointIds) {
			assertThat(api.get("/api/touchpoints/" + id, admin).json().path("customer_id").asString()).isEqualTo(duplicate);
		}

		signInAsAdmin();
		browser.get(url("/customers/" + keep));
		settle();
		browser.findElement(By.id("merge-source")).sendKeys(StoredXssBrowserTests.IMG);
		browser.findElement(By.id("review-merge")).click();
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("merge-error")));
		assertThat(browser.findElement(By.id("merge-error")).getText()).isEqualTo("No customer has this ID.");
		assertThat(browser.findElement(By.id("merge-source")).getAttribute("value")).isEqualTo(StoredXssBrowserTests.IMG);
		assertThat(browser.findElements(By.id("confirm-merge"))).isEmpty();
		assertNoScriptRan();

		WebElement source = browser.findElement(By.id("merge-source"));
		source.clear();
		source.sendKeys(duplicate);
		browser.findElement(By.id("review-merge")).click();
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("merge-compare")));
		assertThat(browser.findElement(By.cssSelector("[data-side=absorbed] .side-id")).getText()).isEqualTo(duplicate);
		assertThat(browser.findElement(By.cssSelector("[data-side=survivor] .side-id")).getText()).isEqualTo(keep);
		assertThat(api.get("/api/customers/" + duplicate, admin).json().path("status").asString()).isEqualTo("active");
		screenshot("customer-merge-review");
		browser.findElement(By.id("confirm-merge")).click();
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("merge-done")));
		assertThat(browser.findElement(By.id("merge-done")).getText()).contains(duplicate, keep);
		assertThat(browser.findElement(By.id("merge-audit")).getAttribute("href")).contains("target=customer:" + duplicate);
		screenshot("customer-merge-done");

		JsonNode absorbed = api.get("/api/customers/" + duplicate, admin).json();
		assertThat(absorbed.path("status").asString()).isEqualTo("merged");
		assertThat(absorbed.path("merged_into").asString()).isEqualTo(keep);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			for (String id : touchpointIds) {
				assertThat(api.get("/api/touchpoints/" + id, admin).json().path("customer_id").asString())
					.isEqualTo(keep);
			}
		});

		String absorbedPage = browser.findElement(By.id("open-absorbed")).getAttribute("href");
		assertThat(absorbedPage).endsWith("/customers/" + duplicate);
		browser.findElement(By.id("merge-audit")).click();
		settle();
		assertThat(browser.findElements(By.cssSelector("tr.audit-row"))
			.stream()
			.filter(row -> row.getText().contains("customer:" + duplicate) && row
				.findElements(By.cssSelector("td[title='customer.merge']"))
				.size() == 1))
			.hasSize(1);
		browser.get(url("/customers/" + keep));
		settle();
		browser.findElement(By.id("merge-source")).sendKeys(duplicate);
		browser.findElement(By.id("review-merge")).click();
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("merge-error")));
		assertThat(browser.findElement(By.id("merge-error")).getText()).startsWith("That profile is already merged");
		assertThat(browser.findElements(By.id("confirm-merge"))).isEmpty();

		browser.get(absorbedPage);
		settle();
		assertThat(browser.findElement(By.id("merged-into")).getText()).contains(keep);
		assertThat(browser.findElements(By.id("merge-source"))).isEmpty();
		browser.findElement(By.id("unmerge-customer")).click();
		Alert confirm = waitFor().until(ExpectedConditions.alertIsPresent());
		assertThat(confirm.getText()).contains(duplicate);
		confirm.accept();
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("unmerged-notice")));
		assertThat(api.get("/api/customers/" + duplicate, admin).json().path("status").asString()).isEqualTo("active");
	}

	@Test
	void eraseWantsTheCustomerIdTypedAndAPayloadTypedThereNeverRuns() {
		signInAsAdmin();
		browser.get(url("/customers/" + keep));
		settle();
		browser.findElement(By.id("erase-confirm")).sendKeys(StoredXssBrowserTests.SCRIPT);
		browser.findElement(By.id("erase-customer")).click();
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("erase-refused")));
		assertThat(browser.getCurrentUrl()).contains("/customers/" + keep);
		assertNoScriptRan();
		JsonNode customer = api.get("/api/customers/" + keep, api.adminToken()).json();
		assertThat(customer.path("status").asString()).isEqualTo("active");
		assertThat(customer.path("first_name").asString()).isEqualTo("Lin");
	}

	@Test
	void aViewerIsOfferedNoMergeOrEraseAndAForgedMergeIsRefused() {
		String before = api.get("/api/customers/" + duplicate, api.adminToken()).json().path("status").asString();
		signIn(viewer, "viewer-password-1");
		browser.get(url("/customers/" + keep));
		settle();
		assertThat(browser.findElement(By.id("customer-runs")).isDisplayed()).isTrue();
		assertThat(browser.findElements(By.id("merge-source"))).isEmpty();
		assertThat(browser.findElements(By.id("review-merge"))).isEmpty();
		assertThat(browser.findElements(By.id("erase-customer"))).isEmpty();
		assertThat(post("/customers/" + keep + "/merge", "source=" + duplicate)).isEqualTo(403);
		assertThat(post("/customers/" + keep + "/erase", "confirm=" + keep)).isEqualTo(403);
		assertThat(api.get("/api/customers/" + duplicate, api.adminToken()).json().path("status").asString())
			.as("the forged merge changed nothing").isEqualTo(before);
		assertThat(api.get("/api/customers/" + keep, api.adminToken()).json().path("status").asString())
			.isEqualTo("active");
	}

	/** The whole page as a PNG under target/browser-screenshots, for a person to look at. */
	private void screenshot(String name) throws java.io.IOException {
		long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1440, (int) Math.max(900, height)));
		try {
			saveScreenshot(name + "-" + tag);
		}
		finally {
			browser.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 900));
		}
	}

	private void assertNoScriptRan() {
		assertThat(js("return window.__xss === undefined ? null : String(window.__xss)")).isNull();
		try {
			String text = browser.switchTo().alert().getText();
			throw new AssertionError("a script raised an alert: " + text);
		}
		catch (NoAlertPresentException expected) {
			// no payload ran
		}
	}

	/** A form POST sent by script from the signed-in page, carrying its CSRF token; returns the HTTP status. */
	private long post(String path, String body) {
		Object status = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript("""
				var done = arguments[arguments.length - 1], csrf = window.atrium.csrf(), headers = {};
				headers['Content-Type'] = 'application/x-www-form-urlencoded';
				headers[csrf.header] = csrf.token;
				fetch(arguments[0], { method: 'POST', headers: headers, body: arguments[1], redirect: 'manual',
				  credentials: 'same-origin' }).then(function (r) { done(r.status); }, function () { done(-1); });
				""", path, body);
		return ((Number) status).longValue();
	}
}
