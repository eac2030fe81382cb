package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import io.atrium.analytics.AnalyticsExports;
import io.atrium.analytics.AnalyticsReports;
import io.atrium.analytics.CustomerInsights;
import io.atrium.analytics.InsightsFilter;
import io.atrium.shared.DateRange;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The analytics page: its date control changes every figure (checked against the analytics module for the
 * same range), its charts are drawn, and its CSV links download the analytics export of that range.
 */
class AnalyticsBrowserTests extends BrowserTestSupport {

	@Autowired
	AnalyticsReports analytics;

	@Autowired
	AnalyticsExports exports;

	@Autowired
	Clock clock;

	@Test
	void theDateControlDrivesTheFiguresAndTheCsvLinksExportTheSameRange() {
		signInAsAdmin();
		browser.findElement(By.id("nav-analytics")).click();
		waitFor().until(ExpectedConditions.urlContains("/analytics"));
		settle();
		assertThat(visits()).isEqualTo(expectedVisits("30d"));

		WebElement old = browser.findElement(By.id("metric-table"));
		browser.findElement(By.cssSelector("[data-preset='7d']")).click();
		waitFor().until(ExpectedConditions.stalenessOf(old));
		waitFor().until(ExpectedConditions.urlContains("preset=7d"));
		assertThat(visits()).isEqualTo(expectedVisits("7d"));
		assertThat(expectedVisits("7d")).isNotEqualTo(expectedVisits("30d"));
		waitFor().until(d -> Boolean.TRUE.equals(js(
				"var c = document.getElementById('chart-analytics-series'); var ch = window.Chart && Chart.getChart(c);"
						+ " return !!ch && ch.data.labels.length > 0;")));

		WebElement link = browser.findElements(By.cssSelector(".csv-link"))
			.stream()
			.filter(a -> a.getAttribute("href").contains("table=campaigns"))
			.findFirst()
			.orElseThrow();
		assertThat(link.getAttribute("href")).contains("preset=7d");
		String csv = (String) js("var r = new XMLHttpRequest(); r.open('GET', arguments[0], false); r.send();"
				+ " return r.status + '\\n' + r.getResponseHeader('Content-Type') + '\\n' + r.responseText;",
				link.getAttribute("href"));
		String[] parts = csv.split("\n", 3);
		assertThat(parts[0]).isEqualTo("200");
		assertThat(parts[1]).startsWith("text/csv");
		assertThat(parts[2].replace("\r\n", "\n"))
			.isEqualTo(exports.campaignPerformanceCsv(DateRange.preset("7d", clock), "campaigns").replace("\r\n", "\n"));
		assertThat(parts[2]).startsWith("campaign_id,");
	}

	private String visits() {
		return browser.findElement(By.cssSelector("[data-metric='visits'] td:nth-child(2)")).getText();
	}

	private String expectedVisits(String preset) {
		CustomerInsights insights = analytics.customerInsights(DateRange.preset(preset, clock), InsightsFilter.NONE,
				null);
		return String.format(java.util.Locale.ENGLISH, "%,.2f", insights.metrics().get("visits").value());
	}
}
