package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.testing.HttpApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

/**
 * Script payloads stored in every free-text field a person can reach through the API — customer names, city,
 * traits, workflow names and step texts, segment names, tracking metadata — and every page visited: no script
 * runs (a payload would set {@code window.__xss} or raise an alert), and the payload shows as text.
 */
class StoredXssBrowserTests extends BrowserTestSupport {

	static final String IMG = "<img src=x onerror=\"window.__xss='img';alert(1)\">";

	static final String SCRIPT = "<script>window.__xss='script';alert(2)</script>";

	static final String SVG = "\"><svg onload=\"window.__xss='svg'\">";

	static final String JS_URL = "javascript:window.__xss='href'";

	String workflowId;

	String segmentId;

	@BeforeAll
	void storePayloads() {
		String admin = api.adminToken();
		Map<String, Object> customer = new LinkedHashMap<>();
		customer.put("external_id", "XSS-1");
		customer.put("first_name", IMG);
		customer.put("last_name", SCRIPT);
		customer.put("city", SVG);
		customer.put("member_tier", SCRIPT);
		customer.put("traits", Map.of("note", IMG, "homepage", JS_URL, "motto", SCRIPT + SVG));
		HttpApi.Response created = api.post("/api/customers", admin, customer);
		assertThat(created.status()).as(created.body()).isIn(201, 409);

		HttpApi.Response tracked = api.post("/api/journey/touchpoints/track", admin,
				Map.of("customer_id", "XSS-1", "touchpoint_type", "purchase", "occurred_at", "2026-11-23T10:00:00+08:00",
						"metadata", Map.of("amount", 120, "item", SCRIPT, "comment", IMG)));
		assertThat(tracked.status()).as(tracked.body()).isLessThan(300);

		HttpApi.Response segment = api.post("/api/segments", admin,
				Map.of("name", SCRIPT + IMG, "description", SVG, "type", "static"));
		assertThat(segment.status()).as(segment.body()).isEqualTo(201);
		segmentId = segment.json().get("id").asString();

		Map<String, Object> workflow = new LinkedHashMap<>();
		workflow.put("name", IMG + SCRIPT);
		workflow.put("trigger", Map.of("trigger_type", "manual", "config", Map.of()));
		workflow.put("steps", List.of(
				Map.of("action_type", "send_email", "config", Map.of("template_id", SCRIPT, "subject", IMG)),
				Map.of("action_type", "create_task", "config", Map.of("title", SVG))));
		HttpApi.Response saved = api.post("/api/automation/workflows", admin, workflow);
		assertThat(saved.status()).as(saved.body()).isEqualTo(201);
		workflowId = saved.json().get("id").asString();
	}

	@Test
	void noStoredPayloadRunsOnAnyPage() {
		signInAsAdmin();
		List<String> pages = new ArrayList<>(List.of("/overview", "/overview?preset=7d", "/customers",
				"/customers?q=" + enc(IMG), "/customers/XSS-1", "/customers/XSS-1/edit", "/workflows",
				"/workflows/" + workflowId, "/workflows/" + workflowId + "/edit",
				"/scoring", "/segments", "/segments/new", "/segments/" + segmentId, "/customers/" + enc(SCRIPT), "/overview?from=" + enc(SCRIPT) + "&to=2026-11-24",
				"/analytics", "/analytics?from=" + enc(SCRIPT) + "&to=2026-11-24", "/assistant", "/settings", "/audit", "/audit?actor=" + enc(SCRIPT) + "&target=" + enc(IMG)));
		for (String page : pages) {
			browser.get(url(page));
			settleAnyPage();
			assertThatThrownBy(() -> browser.switchTo().alert()).as("alert on %s", page)
				.isInstanceOf(NoAlertPresentException.class);
			assertThat(js("return window.__xss === undefined ? null : String(window.__xss)")).as("script ran on %s", page)
				.isNull();
		}

		browser.get(url("/customers/XSS-1"));
		settleAnyPage();
		String text = browser.findElement(By.tagName("main")).getText();
		assertThat(text).as("payloads shown as text").contains(IMG, SVG, SCRIPT);
		assertThat(browser.findElements(By.cssSelector("main img, main svg, main script"))).isEmpty();

		browser.get(url("/workflows/" + workflowId));
		settleAnyPage();
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(IMG + SCRIPT);
		browser.get(url("/workflows/" + workflowId + "/edit"));
		settleAnyPage();
		assertThat(browser.findElement(By.id("wf-name")).getAttribute("value")).isEqualTo(IMG + SCRIPT);
		assertThat(js("return window.__xss === undefined ? null : String(window.__xss)")).isNull();

		// a question is user text too: the assistant page shows it, and its not-understood words, as text
		browser.get(url("/assistant"));
		settleAnyPage();
		browser.findElement(By.id("question")).sendKeys(IMG + " " + SCRIPT);
		browser.findElement(By.id("ask")).click();
		waitFor().until(d -> !d.findElements(By.cssSelector("#turns .turn")).isEmpty());
		settleAnyPage();
		assertThat(browser.findElement(By.cssSelector("#turns .question-text")).getText()).isEqualTo(IMG + " " + SCRIPT);
		assertThat(browser.findElements(By.cssSelector("main img, main svg, main script"))).isEmpty();
		assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
		assertThat(js("return window.__xss === undefined ? null : String(window.__xss)")).isNull();
	}

	private void settleAnyPage() {
		waitFor().until(d -> "complete".equals(js("return document.readyState")));
		try {
			Thread.sleep(300); // deferred scripts and chart drawing
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String enc(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}
}
