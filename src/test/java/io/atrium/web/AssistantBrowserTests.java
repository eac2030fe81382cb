package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.atrium.assistant.Assistant;
import io.atrium.assistant.ChatResponse;
import io.atrium.automation.WorkflowManagement;
import io.atrium.goals.AiPreferences;
import io.atrium.segment.SegmentCatalog;
import io.atrium.segment.SegmentResponse;
import io.atrium.testing.HttpApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The assistant's chat page on the demo mall: a question is answered with the same text the assistant's API
 * gives, its interpretation shows as chips, a trend is drawn as a chart, a follow-up keeps the conversation, a
 * recommendation's segment is created only by its button — and a VIEWER has no assistant.
 */
class AssistantBrowserTests extends BrowserTestSupport {

	@Autowired
	Assistant assistant;

	@Autowired
	SegmentCatalog segments;

	@Autowired
	AiPreferences preferences;

	@Autowired
	WorkflowManagement workflows;

	String viewer;

	String analyst;

	@BeforeAll
	void createAViewer() {
		viewer = "viewer-chat-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(api.post("/api/admin/users", api.adminToken(),
				Map.of("username", viewer, "password", "viewer-password-1", "role", "VIEWER")).status()).isEqualTo(201);
		analyst = "analyst-chat-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(api.post("/api/admin/users", api.adminToken(),
				Map.of("username", analyst, "password", "analyst-password-1", "role", "ANALYST")).status()).isEqualTo(201);
	}

	@Test
	void askAboutHighRiskCustomersAndATrendThenFollowUp() {
		// the same conversation, asked through the assistant's own API as someone else: the page must show this
		ChatResponse risk = assistant.ask("assistant-check", "Show me high-risk customers from last month", null,
				Locale.ENGLISH);
		String check = risk.conversationId().toString();
		ChatResponse trend = assistant.ask("assistant-check", "revenue trend over the past 90 days", check,
				Locale.ENGLISH);
		ChatResponse visits = assistant.ask("assistant-check", "what about visits?", check, Locale.ENGLISH);
		int segmentsBefore = segments.all().size();

		signInAsAdmin();
		browser.findElement(By.id("nav-assistant")).click();
		waitFor().until(ExpectedConditions.urlContains("/assistant"));
		settle();

		ask("Show me high-risk customers from last month", 1);
		WebElement first = turn(0);
		assertThat(first.findElement(By.className("answer")).getText()).isEqualTo(risk.answer());
		assertThat(chip(first, "intent")).contains("List customers");
		assertThat(chip(first, "date_range")).contains("2026-10-01", "2026-10-31");
		// the high-risk threshold follows the AI preferences' risk tolerance (0.7 balanced, 0.6 conservative, ...),
		// which other tests sharing this database may have changed
		String threshold = preferences.current().thresholds().highChurnRisk().stripTrailingZeros().toPlainString();
		assertThat(chip(first, "filter")).contains("churn risk above " + threshold).doesNotContain("churn_risk");
		assertThat(first.findElement(By.cssSelector("[data-chip='filter'] .chip-value")).getAttribute("title"))
			.isEqualTo("churn_risk > " + threshold);
		assertThat(first.findElements(By.cssSelector(".answer-table tbody tr")))
			.hasSize(risk.data() == null ? 0 : risk.data().rows().size());
		String conversation = browser.findElement(By.id("conversation-id")).getAttribute("value");
		assertThat(conversation).matches("[0-9a-f-]{36}");
		// nothing was created by asking
		assertThat(segments.all()).hasSize(segmentsBefore);

		ask("revenue trend over the past 90 days", 2);
		WebElement second = turn(0);
		assertThat(second.findElement(By.className("answer")).getText()).isEqualTo(trend.answer());
		assertThat(chip(second, "intent")).contains("Trend");
		assertThat(chip(second, "metric")).contains("revenue");
		assertThat(trend.chart()).isNotNull();
		assertChartDrawn(second, trend.chart());

		ask("what about visits?", 3);
		WebElement third = turn(0);
		assertThat(third.findElement(By.className("answer")).getText()).isEqualTo(visits.answer());
		assertThat(chip(third, "metric")).contains("visits");
		assertThat(browser.findElement(By.id("conversation-id")).getAttribute("value")).isEqualTo(conversation);
		HttpApi.Response stored = api.get("/api/chat/conversations/" + conversation, api.adminToken());
		assertThat(stored.status()).isEqualTo(200);
		assertThat(stored.json().get("turns")).hasSize(3);
		if (visits.chart() != null) {
			assertChartDrawn(third, visits.chart());
		}
	}

	@Test
	void aRecommendedSegmentIsCreatedOnlyByItsButton() {
		ChatResponse risk = assistant.ask("assistant-check", "Show me high-risk customers from last month", null,
				Locale.ENGLISH);
		List<ChatResponse.Recommendation> drafted = risk.recommendations()
			.stream()
			.filter(r -> r.draft() != null && "segment".equals(r.draft().kind()))
			.toList();
		assertThat(drafted).as("the demo mall has high-risk customers, so a win-back segment is drafted").isNotEmpty();
		int before = segments.all().size();

		signInAsAdmin();
		browser.get(url("/assistant"));
		settle();
		ask("Show me high-risk customers from last month", 1);
		assertThat(segments.all()).hasSize(before);
		WebElement button = turn(0).findElement(By.cssSelector(".create-segment button"));
		button.click();
		WebElement link = waitFor()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".created-segment-link")));
		assertThat(link.getText()).isEqualTo(drafted.get(0).draft().body().get("name"));
		assertThat(segments.all()).hasSize(before + 1);
		link.click();
		waitFor().until(ExpectedConditions.urlMatches("/segments/[0-9a-f-]{36}$"));
		String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
		SegmentResponse created = segments.get(UUID.fromString(id));
		assertThat(created.name()).isEqualTo(drafted.get(0).draft().body().get("name"));
		assertThat(created.type()).isEqualTo("dynamic");
		WebElement rule = browser.findElement(By.className("segment-rule"));
		assertThat(rule.getText()).contains("no touchpoint (any type) for 30 days", "Email consent granted")
			.doesNotContain("{", "no_touchpoint");
		assertThat(rule.getAttribute("title")).contains("\"no_touchpoint\"");
	}

	@Test
	void aRecommendedWorkflowIsCreatedAsADraftByItsButton() throws Exception {
		ChatResponse risk = assistant.ask("assistant-check", "Show me high-risk customers from last month", null,
				Locale.ENGLISH);
		ChatResponse.Draft drafted = risk.recommendations()
			.stream()
			.map(ChatResponse.Recommendation::draft)
			.filter(d -> d != null && "workflow".equals(d.kind()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the demo mall has high-risk customers, so a win-back workflow is drafted"));
		long before = workflows.list(null, 100).items().stream().filter(w -> w.name().equals(drafted.body().get("name"))).count();

		signIn(analyst, "analyst-password-1");
		browser.get(url("/assistant"));
		settle();
		ask("Show me high-risk customers from last month", 1);
		assertThat(turn(0).findElements(By.cssSelector(".recommendation"))).hasSizeGreaterThanOrEqualTo(2);
		assertThat(turn(0).findElements(By.cssSelector(".create-workflow, .create-segment"))).isEmpty();

		signInAsAdmin();
		browser.get(url("/assistant"));
		settle();
		ask("Show me high-risk customers from last month", 1);
		WebElement button = turn(0).findElement(By.cssSelector(".create-workflow button"));
		assertThat(button.getText()).contains((String) drafted.body().get("name"));
		js("arguments[0].scrollIntoView()", button);
		saveScreenshot("assistant-drafts");
		button.click();
		waitFor().until(ExpectedConditions.urlMatches("/workflows/[0-9a-f-]{36}$"));
		settle();
		String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
		HttpApi.Response created = api.get("/api/automation/workflows/" + id, api.adminToken());
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.json().get("status").asString()).isEqualTo("draft");
		assertThat(created.json().get("name").asString()).isEqualTo(drafted.body().get("name"));
		assertThat(created.json().get("steps")).hasSize(3);
		assertThat(workflows.list(null, 100).items().stream().filter(w -> w.name().equals(drafted.body().get("name"))).count())
			.isEqualTo(before + 1);
	}

	@Test
	void chipsAndTableReadInChinese() throws Exception {
		signInAsAdmin();
		browser.get(url("/assistant?lang=zh_CN"));
		settle();
		ask("Show me high-risk customers from last month", 1);
		WebElement turn = turn(0);
		String threshold = preferences.current().thresholds().highChurnRisk().stripTrailingZeros().toPlainString();
		assertThat(chip(turn, "intent")).contains("客户列表");
		assertThat(chip(turn, "filter")).contains("流失风险高于 " + threshold).doesNotContain("churn_risk");
		List<String> headings = turn.findElements(By.cssSelector(".answer-table th")).stream().map(WebElement::getText).toList();
		if (!headings.isEmpty()) {
			assertThat(headings).contains("会员等级", "生命周期阶段", "流失风险").doesNotContain("member_tier", "stage");
			List<String> stages = turn.findElements(By.cssSelector(".answer-table tbody tr td:nth-child(4)"))
				.stream()
				.map(WebElement::getText)
				.toList();
			assertThat(stages).isNotEmpty().allSatisfy(stage -> assertThat(stage).doesNotMatch("[a-z_]+"));
		}
		assertThat(turn.findElement(By.cssSelector(".create-workflow button")).getText()).startsWith("创建工作流");
		saveScreenshot("assistant-zh");
		browser.get(url("/assistant?lang=en"));
	}

	@Test
	void aViewerHasNoAssistant() {
		signIn(viewer, "viewer-password-1");
		assertThat(browser.findElements(By.id("nav-assistant"))).isEmpty();
		browser.get(url("/assistant"));
		assertThat(browser.findElements(By.id("ask-form"))).isEmpty();
		Object status = js("var r = new XMLHttpRequest(); r.open('GET', '/assistant', false); r.send(); return r.status;");
		assertThat(((Number) status).intValue()).isEqualTo(403);
	}

	private void ask(String question, int turns) {
		WebElement box = browser.findElement(By.id("question"));
		box.sendKeys(question);
		browser.findElement(By.id("ask")).click();
		waitFor().until(d -> d.findElements(By.cssSelector("#turns .turn")).size() == turns);
		waitFor().until(d -> browser.findElement(By.id("question")).getAttribute("value").isEmpty());
	}

	/** The i-th turn shown, newest first. */
	private WebElement turn(int index) {
		return browser.findElements(By.cssSelector("#turns .turn")).get(index);
	}

	private static String chip(WebElement turn, String kind) {
		return String.join(" | ", turn.findElements(By.cssSelector("[data-chip='" + kind + "']"))
			.stream()
			.map(WebElement::getText)
			.toList());
	}

	/** The canvas holds a Chart.js chart with the answer's labels and values, and it painted pixels. */
	private void assertChartDrawn(WebElement turn, ChatResponse.Chart chart) {
		WebElement canvas = turn.findElement(By.cssSelector("canvas.answer-chart"));
		waitFor().until(d -> Boolean.TRUE.equals(js("return !!Chart.getChart(arguments[0]);", canvas)));
		Number labels = (Number) js("return Chart.getChart(arguments[0]).data.labels.length;", canvas);
		Number points = (Number) js("return Chart.getChart(arguments[0]).data.datasets[0].data.length;", canvas);
		assertThat(labels.intValue()).isEqualTo(chart.labels().size()).isPositive();
		assertThat(points.intValue()).isEqualTo(chart.series().get(0).values().size());
		Boolean painted = (Boolean) js("""
				var c = arguments[0], data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
				for (var i = 3; i < data.length; i += 4) { if (data[i] !== 0) { return true; } }
				return false;""", canvas);
		assertThat(painted).isTrue();
	}
}
