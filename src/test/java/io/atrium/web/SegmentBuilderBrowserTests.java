package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.atrium.segment.SegmentCatalog;
import io.atrium.segment.SegmentResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The segment rule builder: conditions chosen from lists, a live count that follows every change and equals
 * the segment module's own preview of the same rule, and saving a dynamic segment whose members are listed.
 */
class SegmentBuilderBrowserTests extends BrowserTestSupport {

	@Autowired
	SegmentCatalog segments;

	@Test
	void buildARuleWatchTheLiveCountAndSaveTheSegment() {
		signInAsAdmin();
		browser.get(url("/segments"));
		browser.findElement(By.id("new-segment")).click();
		waitFor().until(ExpectedConditions.urlContains("/segments/new"));
		settle();

		browser.findElement(By.id("segment-name")).sendKeys("Gold members who shop");
		WebElement first = browser.findElements(By.cssSelector("[data-condition]")).get(0);
		new Select(first.findElement(By.name("kind"))).selectByValue("profile");
		new Select(first.findElement(By.name("field"))).selectByValue("member_tier");
		new Select(first.findElement(By.name("text_op"))).selectByValue("eq");
		first.findElement(By.name("text_value")).sendKeys("gold");
		waitFor().until(d -> count() > 0);
		long gold = count();
		assertThat(first.findElement(By.name("stage")).isDisplayed()).isFalse();

		browser.findElement(By.id("add-condition")).click();
		waitFor().until(d -> d.findElements(By.cssSelector("[data-condition]")).size() == 2);
		WebElement second = browser.findElements(By.cssSelector("[data-condition]")).get(1);
		new Select(second.findElement(By.name("kind"))).selectByValue("touchpoint_count");
		new Select(second.findElement(By.name("touchpoint_type"))).selectByValue("purchase");
		new Select(second.findElement(By.name("number_op"))).selectByValue("gte");
		second.findElement(By.name("number_value")).clear();
		second.findElement(By.name("number_value")).sendKeys("1");
		second.findElement(By.name("window_days")).clear();
		second.findElement(By.name("window_days")).sendKeys("365");
		// typing "365" may fire a preview per keystroke: take the count once it has settled on the full rule
		long[] settled = { -1 };
		waitFor().until(d -> {
			long before = count();
			sleepQuietly(1_000);
			long after = count();
			settled[0] = after;
			return before >= 0 && before == after && after != gold;
		});
		long both = settled[0];
		assertThat(both).isLessThan(gold);

		browser.findElement(By.id("save-segment")).click();
		waitFor().until(ExpectedConditions.urlMatches("/segments/[0-9a-f-]{36}$"));
		String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
		SegmentResponse saved = segments.get(java.util.UUID.fromString(id));
		assertThat(saved.name()).isEqualTo("Gold members who shop");
		assertThat(saved.type()).isEqualTo("dynamic");
		assertThat(segments.preview(saved.rule())).isEqualTo(both);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
			.until(() -> segments.get(saved.id()).size() == both);
		browser.navigate().refresh();
		assertThat(browser.findElement(By.id("segment-size")).getText()).isEqualTo(Long.toString(both));
		List<WebElement> members = browser.findElements(By.cssSelector(".member-list a"));
		assertThat(members).hasSize((int) Math.min(both, 50));
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The live count shown now, or -1 while it is being replaced. */
	private long count() {
		try {
			String text = browser.findElement(By.id("preview-count")).getText().replaceAll("[^0-9]", "");
			return text.isEmpty() ? -1 : Long.parseLong(text);
		}
		catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException ex) {
			return -1;
		}
	}
}
