package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit log viewer: an admin filters by actor and outcome and sees exactly the audit module's rows for that
 * filter; a VIEWER has no audit link and is refused the page.
 */
class AuditBrowserTests extends BrowserTestSupport {

	@Autowired
	AuditTrail audit;

	@Autowired
	java.time.Clock clock;

	@Test
	void anAdminFiltersTheAuditLogAndAViewerIsRefused() {
		String viewer = "viewer-audit-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(api.post("/api/admin/users", api.adminToken(),
				Map.of("username", viewer, "password", "viewer-password-1", "role", "VIEWER")).status()).isEqualTo(201);
		String token = api.token(viewer, "viewer-password-1");
		for (int i = 0; i < 3; i++) {
			assertThat(api.post("/api/customers", token, Map.of("external_id", "AUDIT-" + i)).status()).isEqualTo(403);
		}
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> audit
			.find(new AuditTrail.Filter(viewer, null, null, "denied", null, null), null, 50).items().size() >= 3);
		int expected = audit.find(new AuditTrail.Filter(viewer, null, null, "denied", null, null), null, 50)
			.items()
			.size();

		signInAsAdmin();
		browser.findElement(By.id("nav-audit")).click();
		waitFor().until(ExpectedConditions.urlContains("/audit"));
		assertThat(browser.findElements(By.cssSelector(".audit-row"))).isNotEmpty();
		browser.findElement(By.id("audit-actor")).sendKeys(viewer);
		new Select(browser.findElement(By.id("audit-outcome"))).selectByValue("denied");
		browser.findElement(By.id("audit-apply")).click();
		waitFor().until(ExpectedConditions.urlContains("outcome=denied"));
		List<WebElement> rows = browser.findElements(By.cssSelector(".audit-row"));
		assertThat(rows).hasSize(expected);
		// times are shown in the mall's zone, like the day filters
		java.time.Instant newest = audit.find(new AuditTrail.Filter(viewer, null, null, "denied", null, null), null, 1)
			.items()
			.get(0)
			.occurredAt();
		assertThat(rows.get(0).findElement(By.cssSelector("td:nth-child(1)")).getText()).isEqualTo(
				java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(newest.atZone(clock.getZone())));
		for (WebElement row : rows) {
			assertThat(row.findElement(By.cssSelector("td:nth-child(2)")).getText()).isEqualTo(viewer);
			assertThat(row.getText()).contains("Denied", "POST /api/customers");
		}

		signIn(viewer, "viewer-password-1");
		assertThat(browser.findElements(By.id("nav-audit"))).isEmpty();
		Object status = js("var r = new XMLHttpRequest(); r.open('GET', '/audit', false); r.send(); return r.status;");
		assertThat(((Number) status).intValue()).isEqualTo(403);
	}
}
