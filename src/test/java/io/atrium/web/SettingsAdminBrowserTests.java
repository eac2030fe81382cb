package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import io.atrium.access.WriteKeys;
import io.atrium.goals.BusinessGoals;
import io.atrium.goals.ConfigHistory;
import io.atrium.goals.Goal;
import io.atrium.testing.HttpApi;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Settings administration through the page, as an admin does it: a user created with a role signs in; an admin
 * cannot disable or demote themselves; an API token and a write key are shown once and stop working when
 * revoked; a goal is added, refused with a translated reason, edited, and its change reverted. Script payloads
 * in every free-text field show as text and never run.
 */
class SettingsAdminBrowserTests extends BrowserTestSupport {

	static final String IMG = StoredXssBrowserTests.IMG;

	static final String SCRIPT = StoredXssBrowserTests.SCRIPT;

	static final String SVG = StoredXssBrowserTests.SVG;

	@Autowired
	BusinessGoals goals;

	@Autowired
	ConfigHistory history;

	@Autowired
	WriteKeys writeKeys;

	@Test
	void anAdminManagesUsersAndSignsInAsTheNewMarketer() {
		String username = "mk-" + UUID.randomUUID().toString().substring(0, 6);
		openSettings();
		browser.findElement(By.id("new-username")).sendKeys(username);
		browser.findElement(By.id("new-display-name")).sendKeys(IMG + SCRIPT);
		browser.findElement(By.id("new-password")).sendKeys("marketer-password-1");
		new Select(browser.findElement(By.id("new-role"))).selectByValue("MARKETER");
		browser.findElement(By.id("create-user")).click();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-saved")));
		WebElement row = userRow(username);
		assertThat(row.findElement(By.cssSelector(".display-name")).getText()).isEqualTo(IMG + SCRIPT);
		assertThat(new Select(row.findElement(By.cssSelector(".role-select"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("MARKETER");
		noScriptRan();

		// a refused user (short password) re-renders the form with the reason, nothing created
		browser.findElement(By.id("new-username")).sendKeys(username + "-2");
		browser.findElement(By.id("new-password")).sendKeys("short-pw-1");
		js("document.getElementById('new-password').removeAttribute('minlength')");
		browser.findElement(By.id("create-user")).click();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-problem")));
		assertThat(browser.findElement(By.id("settings-problem")).getText()).contains("Password: must be 12 to 256 characters");
		assertThat(browser.findElement(By.id("new-username")).getAttribute("value")).isEqualTo(username + "-2");
		assertThat(browser.findElements(By.cssSelector("tr.user-row[data-username='" + username + "-2']"))).isEmpty();

		// the admin cannot demote or disable themselves
		WebElement own = userRow(HttpApi.ADMIN);
		new Select(own.findElement(By.cssSelector(".role-select"))).selectByValue("VIEWER");
		own.findElement(By.cssSelector(".change-role")).click();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-problem")));
		assertThat(browser.findElement(By.id("settings-problem")).getText())
			.contains("You cannot take the ADMIN role away from yourself");
		userRow(HttpApi.ADMIN).findElement(By.cssSelector(".toggle-user")).click();
		accept();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-problem")));
		assertThat(browser.findElement(By.id("settings-problem")).getText()).contains("You cannot disable your own account");
		JsonNode adminUser = user(HttpApi.ADMIN);
		assertThat(adminUser.get("role").asString()).isEqualTo("ADMIN");
		assertThat(adminUser.get("enabled").asBoolean()).isTrue();

		// the new marketer signs in and sees no settings
		signIn(username, "marketer-password-1");
		assertThat(browser.findElements(By.id("nav-settings"))).isEmpty();

		// disabled by the admin, they can no longer sign in; enabled again, they can
		openSettings();
		userRow(username).findElement(By.cssSelector(".toggle-user")).click();
		accept();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-saved")));
		assertThat(user(username).get("enabled").asBoolean()).isFalse();
		assertThatThrownBy(() -> api.token(username, "marketer-password-1")).isInstanceOf(IllegalStateException.class);
		userRow(username).findElement(By.cssSelector(".toggle-user")).click();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-saved")));
		assertThat(user(username).get("enabled").asBoolean()).isTrue();
		new Select(userRow(username).findElement(By.cssSelector(".role-select"))).selectByValue("ANALYST");
		userRow(username).findElement(By.cssSelector(".change-role")).click();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-saved")));
		assertThat(user(username).get("role").asString()).isEqualTo("ANALYST");
	}

	@Test
	void aTokenIsShownOnceAndStopsWorkingWhenRevoked() {
		openSettings();
		String name = SCRIPT + " " + UUID.randomUUID().toString().substring(0, 6);
		browser.findElement(By.id("token-name")).sendKeys(name);
		new Select(browser.findElement(By.id("token-role"))).selectByValue("ANALYST");
		browser.findElement(By.id("create-token")).click();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("new-secret")));
		String secret = browser.findElement(By.id("new-secret")).getText();
		assertThat(secret).startsWith("atr_");
		assertThat(browser.findElement(By.id("copy-now")).getText()).contains("Copy it now", "only this once");
		assertThat(browser.findElement(By.id("secret-name")).getText()).isEqualTo(name);
		noScriptRan();
		saveScreenshot("settings-secret");

		HttpApi.Response me = api.get("/api/me", secret);
		assertThat(me.status()).as(me.body()).isEqualTo(200);

		browser.findElement(By.id("secret-done")).click();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("token-table")));
		assertThat(browser.getPageSource()).doesNotContain(secret);
		WebElement row = browser.findElements(By.cssSelector("tr.token-row"))
			.stream()
			.filter(r -> r.findElement(By.cssSelector(".token-name")).getText().equals(name))
			.findFirst()
			.orElseThrow();
		assertThat(row.getText()).contains(secret.substring(0, 8), "ANALYST", HttpApi.ADMIN);
		noScriptRan();
		row.findElement(By.cssSelector(".revoke-token")).click();
		accept();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-saved")));
		assertThat(api.get("/api/me", secret).status()).isEqualTo(401);

		// a token without a name is refused with the reason
		js("document.getElementById('token-name').removeAttribute('required')");
		browser.findElement(By.id("create-token")).click();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-problem")));
		assertThat(browser.findElement(By.id("settings-problem")).getText()).contains("Name: required");
	}

	@Test
	void aWriteKeyIsShownOnceAndStopsWorkingWhenRevoked() {
		openSettings();
		String name = SVG + UUID.randomUUID().toString().substring(0, 6);
		browser.findElement(By.id("write-key-name")).sendKeys(name);
		browser.findElement(By.id("create-write-key")).click();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("new-secret")));
		String key = browser.findElement(By.id("new-secret")).getText();
		assertThat(key).startsWith("wk_");
		assertThat(browser.findElement(By.id("secret-name")).getText()).isEqualTo(name);
		assertThat(writeKeys.verify(key)).contains(name);
		noScriptRan();

		openSettings();
		assertThat(browser.getPageSource()).doesNotContain(key);
		WebElement row = browser.findElements(By.cssSelector("tr.write-key-row"))
			.stream()
			.filter(r -> r.findElement(By.cssSelector(".write-key-name")).getText().equals(name))
			.findFirst()
			.orElseThrow();
		noScriptRan();
		row.findElement(By.cssSelector(".revoke-write-key")).click();
		accept();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-saved")));
		assertThat(writeKeys.verify(key)).isEmpty();
	}

	@Test
	void aGoalIsAddedRefusedEditedAndItsChangeReverted() {
		List<Goal> before = goals.list()
			.stream()
			.map(g -> g.period() == null ? g
					: new Goal(g.id(), g.name(), g.metric(), g.target(), g.period(), null, null, g.owner()))
			.toList();
		if (before.isEmpty()) {
			// another goal given by period is kept as it was when this one is added, edited and removed
			goals.replace(List.of(new Goal("settings-kept", "Kept goal", "visits", java.math.BigDecimal.TEN, "2026-11",
					null, null, null)), "settings-test");
		}
		List<Goal> others = goals.list();
		try {
			openSettings();
			String goalName = "Q4 revenue " + UUID.randomUUID().toString().substring(0, 6);
			browser.findElement(By.id("goal-name")).sendKeys(goalName);
			new Select(browser.findElement(By.id("goal-metric"))).selectByValue("revenue");
			browser.findElement(By.id("goal-target")).sendKeys("1000");
			browser.findElement(By.id("goal-period")).sendKeys("2026-Q4");
			browser.findElement(By.id("goal-owner")).sendKeys(IMG + SVG);
			browser.findElement(By.id("save-goal")).click();
			waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-saved")));
			Goal added = goals.list().stream().filter(g -> g.name().equals(goalName)).findFirst().orElseThrow();
			assertThat(added.target()).isEqualByComparingTo("1000");
			assertThat(added.owner()).isEqualTo(IMG + SVG);
			assertThat(goalRow(added.id()).findElement(By.cssSelector(".goal-owner")).getText()).isEqualTo(IMG + SVG);
			noScriptRan();

			// edit: a refused target shows the reason and keeps what was typed; nothing is stored
			goalRow(added.id()).findElement(By.cssSelector(".edit-goal")).click();
			waitFor().until(d -> added.id().equals(d.findElement(By.cssSelector("#goal-form input[name=id]")).getAttribute("value")));
			assertThat(browser.findElement(By.id("goal-owner")).getAttribute("value")).isEqualTo(IMG + SVG);
			browser.findElement(By.id("goal-target")).clear();
			browser.findElement(By.id("goal-target")).sendKeys("-5");
			browser.findElement(By.id("save-goal")).click();
			waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-problem")));
			assertThat(browser.findElement(By.id("settings-problem")).getText())
				.contains("Target: must be a number greater than zero");
			assertThat(browser.findElement(By.id("goal-target")).getAttribute("value")).isEqualTo("-5");
			assertThat(goals.find(added.id()).orElseThrow().target()).isEqualByComparingTo("1000");

			browser.findElement(By.id("goal-target")).clear();
			browser.findElement(By.id("goal-target")).sendKeys("2500");
			browser.findElement(By.id("save-goal")).click();
			waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-saved")));
			assertThat(apiTarget(added.id())).isEqualByComparingTo("2500");
			assertThat(goalRow(added.id()).findElement(By.cssSelector(".goal-target")).getText()).isEqualTo("2500");
			browser.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 3000));
			browser.get(url("/settings"));
			waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("user-table")));
			saveScreenshot("settings-page");
			browser.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 900));

			// revert the edit: the old target is back, as a new change naming the reverted one
			ConfigHistory.ConfigChange edit = history.list("goals", null, 1).items().get(0);
			assertThat(edit.revertedChangeId()).as("an ordinary change reverts nothing").isNull();
			assertThat(browser.findElement(By.cssSelector("tr.config-change[data-id='" + edit.id() + "']")).getText())
				.doesNotContain("reverts change");
			browser.findElement(By.cssSelector("tr.config-change[data-id='" + edit.id() + "'] .revert-change")).click();
			accept();
			waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-saved")));
			assertThat(apiTarget(added.id())).isEqualByComparingTo("1000");
			ConfigHistory.ConfigChange revert = history.list("goals", null, 1).items().get(0);
			assertThat(revert.revertedChangeId()).isEqualTo(edit.id());
			assertThat(revert.actor()).isEqualTo(HttpApi.ADMIN);
			assertThat(history.list("goals", null, 5).items()).extracting(ConfigHistory.ConfigChange::id).contains(edit.id());

			// remove
			goalRow(added.id()).findElement(By.cssSelector(".remove-goal")).click();
			accept();
			waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("settings-saved")));
			assertThat(goals.find(added.id())).isEmpty();
			assertThat(goals.list()).as("the other goals are kept as they were").isEqualTo(others);
			noScriptRan();
		}
		finally {
			goals.replace(before, "settings-test");
		}
	}

	@Test
	void aNonAdminIsRefusedTheSettingsForms() {
		String viewer = "mk-refused-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(api.post("/api/admin/users", api.adminToken(),
				java.util.Map.of("username", viewer, "password", "marketer-password-1", "role", "MARKETER")).status())
			.isEqualTo(201);
		signIn(viewer, "marketer-password-1");
		Object status = js("var r = new XMLHttpRequest(); r.open('GET', '/settings', false); r.send(); return r.status;");
		assertThat(((Number) status).intValue()).isEqualTo(403);
	}

	private void openSettings() {
		signInAsAdmin();
		browser.get(url("/settings?lang=en"));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("user-table")));
	}

	private WebElement userRow(String username) {
		return browser.findElement(By.cssSelector("tr.user-row[data-username='" + username + "']"));
	}

	private WebElement goalRow(String id) {
		return browser.findElement(By.cssSelector("tr.goal-row[data-id='" + id + "']"));
	}

	private JsonNode user(String username) {
		for (JsonNode user : api.get("/api/admin/users", api.adminToken()).json().get("items")) {
			if (user.get("username").asString().equals(username)) {
				return user;
			}
		}
		throw new AssertionError("no user " + username);
	}

	private java.math.BigDecimal apiTarget(String goalId) {
		for (JsonNode goal : api.get("/api/config/goals", api.adminToken()).json().get("goals")) {
			if (goal.get("id").asString().equals(goalId)) {
				return goal.get("target").decimalValue();
			}
		}
		throw new AssertionError("no goal " + goalId);
	}

	private void accept() {
		waitFor().until(ExpectedConditions.alertIsPresent()).accept();
	}

	private void noScriptRan() {
		waitFor().until(d -> "complete".equals(js("return document.readyState")));
		assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
		assertThat(js("return window.__xss === undefined ? null : String(window.__xss)")).isNull();
		assertThat(browser.findElements(By.cssSelector("main img, main svg, main script"))).isEmpty();
	}

}
