package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.testing.HttpApi;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * Saves every page at 1440×900 (and the overview at tablet width) to {@code target/screenshots/}, for
 * docs/SCREENSHOTS.md.
 */
class ScreenshotBrowserTests extends BrowserTestSupport {

	static final Path SHOTS = Path.of("target", "screenshots");

	@Test
	void everyPageAtLaptopWidth() throws Exception {
		Files.createDirectories(SHOTS);
		String admin = api.adminToken();
		HttpApi.Response workflow = api.post("/api/automation/workflows", admin, Map.of("name", "Welcome series",
				"trigger", Map.of("trigger_type", "lifecycle_stage", "config", Map.of("stage", "purchase")),
				"steps", List.of(
						Map.of("action_type", "send_email", "config", Map.of("template_id", "welcome", "subject", "Welcome!")),
						Map.of("action_type", "wait", "config", Map.of("wait_days", 3)),
						Map.of("action_type", "branch", "config", Map.of("stage", "retention", "yes_step", 4, "no_step", 3)),
						Map.of("action_type", "send_sms", "config", Map.of("template_id", "sms_offer")))));
		String id = workflow.json().get("id").asString();
		api.post("/api/segments", admin, Map.of("name", "Weekend families", "description", "Families who come at weekends",
				"type", "dynamic", "rule", Map.of("type", "trait", "key", "persona", "op", "eq", "value", "weekend_family")));

		browser.manage().deleteAllCookies();
		browser.get(url("/login?lang=en"));
		shot("01-sign-in");
		signInAsAdmin();
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("02-overview", "/overview");
		pages.put("03-customers", "/customers");
		pages.put("04-customer-360", "/customers/CUST001");
		pages.put("05-customer-edit", "/customers/CUST001/edit");
		pages.put("06-workflows", "/workflows");
		pages.put("07-workflow", "/workflows/" + id);
		pages.put("08-workflow-builder", "/workflows/" + id + "/edit");
		pages.put("09-segments", "/segments");
		pages.put("10-segment-builder", "/segments/new");
		pages.put("11-lead-scoring", "/scoring?preset=90d");
		pages.put("12-overview-zh", "/overview?preset=90d&lang=zh_CN");
		pages.put("13-customer-360-zh", "/customers/CUST002");
		for (Map.Entry<String, String> page : pages.entrySet()) {
			browser.get(url(page.getValue()));
			settle();
			Thread.sleep(400);
			shot(page.getKey());
		}
		browser.get(url("/overview?lang=en"));
		browser.manage().window().setSize(new Dimension(768, 1024));
		settle();
		Thread.sleep(400);
		shot("14-overview-tablet");
		browser.manage().window().setSize(new Dimension(1440, 900));
		assertThat(browser.findElement(By.cssSelector(".sidebar")).isDisplayed()).isTrue();
		browser.get(url("/analytics?preset=90d&lang=en"));
		settle();
		Thread.sleep(400);
		shot("15-analytics");
		browser.get(url("/assistant"));
		settle();
		for (String question : List.of("Show me high-risk customers from last month", "revenue trend over the past 90 days")) {
			int before = browser.findElements(By.cssSelector("#turns .turn")).size();
			browser.findElement(By.id("question")).sendKeys(question);
			browser.findElement(By.id("ask")).click();
			waitFor().until(d -> d.findElements(By.cssSelector("#turns .turn")).size() == before + 1);
		}
		Thread.sleep(600);
		shot("16-assistant");
		browser.get(url("/audit"));
		settle();
		Thread.sleep(300);
		shot("17-audit-log");
		browser.get(url("/settings"));
		settle();
		Thread.sleep(300);
		shot("18-settings");
		try (var files = Files.list(SHOTS)) {
			assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(10);
		}
	}

	private void shot(String name) throws Exception {
		Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}
}
