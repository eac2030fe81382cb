package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.atrium.goals.AiPreferences;
import io.atrium.goals.ConfigHistory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Settings: an admin changes the AI preferences (the goals module keeps them, the derived high-risk threshold
 * and the configuration history follow); a VIEWER has no settings link and is refused the page.
 */
class SettingsBrowserTests extends BrowserTestSupport {

	@Autowired
	AiPreferences preferences;

	@Autowired
	ConfigHistory history;

	@Test
	void anAdminChangesTheAiPreferencesAndAViewerIsRefused() {
		AiPreferences.Preferences before = preferences.current();
		try {
			signInAsAdmin();
			browser.findElement(By.id("nav-settings")).click();
			waitFor().until(ExpectedConditions.urlContains("/settings"));
			assertThat(new Select(browser.findElement(By.id("risk-tolerance"))).getFirstSelectedOption()
				.getAttribute("value")).isEqualTo(before.riskTolerance());
			new Select(browser.findElement(By.id("risk-tolerance"))).selectByValue("conservative");
			new Select(browser.findElement(By.id("response-style"))).selectByValue("detailed");
			browser.findElement(By.id("save-ai")).click();
			waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-saved")));

			AiPreferences.Preferences now = preferences.current();
			assertThat(now.riskTolerance()).isEqualTo("conservative");
			assertThat(now.responseStyle()).isEqualTo("detailed");
			assertThat(now.innovationLevel()).isEqualTo(before.innovationLevel());
			assertThat(browser.findElement(By.id("high-risk-threshold")).getText())
				.contains(now.thresholds().highChurnRisk().toPlainString());
			ConfigHistory.ConfigChange latest = history.list("ai_preferences", null, 1).items().get(0);
			assertThat(latest.actor()).isEqualTo(io.atrium.testing.HttpApi.ADMIN);
			assertThat(browser.findElements(By.cssSelector(".config-change")).get(0).getText())
				.contains("ai_preferences", "conservative");
		}
		finally {
			preferences.update(new AiPreferences.Choice(before.responseStyle(), before.riskTolerance(),
					before.innovationLevel()), "settings-test");
		}

		String viewer = "viewer-settings-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(api.post("/api/admin/users", api.adminToken(),
				Map.of("username", viewer, "password", "viewer-password-1", "role", "VIEWER")).status()).isEqualTo(201);
		signIn(viewer, "viewer-password-1");
		assertThat(browser.findElements(By.id("nav-settings"))).isEmpty();
		Object status = js("var r = new XMLHttpRequest(); r.open('GET', '/settings', false); r.send(); return r.status;");
		assertThat(((Number) status).intValue()).isEqualTo(403);
	}
}
