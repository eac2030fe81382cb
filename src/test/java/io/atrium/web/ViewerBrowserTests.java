package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.testing.HttpApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A VIEWER reads everything but is offered no edit, export, erase, new-workflow or start button — and the
 * server refuses their writes even when they forge the request with a valid CSRF token.
 */
class ViewerBrowserTests extends BrowserTestSupport {

	String viewer;

	String workflowId;

	@BeforeAll
	void createAViewerAndAWorkflow() {
		String admin = api.adminToken();
		viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(api.post("/api/admin/users", admin, Map.of("username", viewer, "password", "viewer-password-1",
				"role", "VIEWER")).status()).isEqualTo(201);
		HttpApi.Response saved = api.post("/api/automation/workflows", admin,
				Map.of("name", "Viewer cannot start me", "trigger", Map.of("trigger_type", "manual", "config", Map.of()),
						"steps", List.of(Map.of("action_type", "exit", "config", Map.of()))));
		assertThat(saved.status()).isEqualTo(201);
		workflowId = saved.json().get("id").asString();
	}

	@Test
	void aViewerSeesNoEditButtonsAndTheServerRefusesTheirForgedWrites() {
		// control: the same script-sent write, from an editor's page, is accepted (so a 403 below is the role rule,
		// not a missing CSRF token)
		signInAsAdmin();
		String city = api.get("/api/customers/CUST001", api.adminToken()).json().path("city").asString();
		assertThat(post("/customers/CUST001/edit", "application/x-www-form-urlencoded", "city=" + city)).isEqualTo(200);

		signIn(viewer, "viewer-password-1");
		assertThat(browser.findElement(By.cssSelector(".role-badge")).getText()).isEqualTo("Viewer");

		browser.get(url("/customers/CUST001"));
		settle();
		assertThat(browser.findElement(By.id("customer-name")).getText()).isNotBlank();
		assertThat(browser.findElements(By.id("edit-customer"))).isEmpty();
		assertThat(browser.findElements(By.id("export-customer"))).isEmpty();
		assertThat(browser.findElements(By.id("erase-customer"))).isEmpty();

		browser.get(url("/workflows"));
		assertThat(browser.findElements(By.id("new-workflow"))).isEmpty();
		browser.get(url("/workflows/" + workflowId));
		assertThat(browser.findElements(By.id("start-workflow"))).isEmpty();
		assertThat(browser.findElements(By.id("edit-workflow"))).isEmpty();

		// forged writes from the viewer's own signed-in page, with the page's valid CSRF token
		assertThat(post("/customers/CUST001/edit", "application/x-www-form-urlencoded", "city=Forged")).isEqualTo(403);
		assertThat(post("/customers/CUST001/erase", "application/x-www-form-urlencoded", "")).isEqualTo(403);
		assertThat(post("/workflows/" + workflowId + "/start", "application/x-www-form-urlencoded", "")).isEqualTo(403);
		assertThat(post("/workflows", "application/json",
				"{\"name\":\"x\",\"trigger\":{\"trigger_type\":\"manual\",\"config\":{}},\"steps\":[{\"action_type\":\"exit\"}]}"))
			.isEqualTo(403);

		assertThat(api.get("/api/customers/CUST001", api.adminToken()).json().path("city").asString()).isEqualTo(city);
		assertThat(api.get("/api/automation/workflows/" + workflowId, api.adminToken()).json().path("status").asString())
			.isEqualTo("draft");
		browser.get(url("/customers/CUST001/edit"));
		assertThat(browser.getPageSource()).doesNotContain("save-customer");
	}

	/** A write sent by script from the signed-in page, carrying its CSRF token; returns the HTTP status. */
	private long post(String path, String contentType, String body) {
		Object status = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript("""
				var done = arguments[arguments.length - 1], csrf = window.atrium.csrf(), headers = {};
				headers['Content-Type'] = arguments[1];
				headers[csrf.header] = csrf.token;
				fetch(arguments[0], { method: 'POST', headers: headers, body: arguments[2], redirect: 'follow',
				  credentials: 'same-origin' }).then(function (r) { done(r.status); }, function () { done(-1); });
				""", path, contentType, body);
		return ((Number) status).longValue();
	}
}
