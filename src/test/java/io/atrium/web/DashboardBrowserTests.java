package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Signing in and out, and the overview's date range driving its figures and charts.
 */
class DashboardBrowserTests extends BrowserTestSupport {

	@Test
	void anonymousVisitorsAreSentToSignInAndAWrongPasswordIsRefused() {
		browser.manage().deleteAllCookies();
		browser.get(url("/customers"));
		assertThat(browser.getCurrentUrl()).contains("/login");
		browser.findElement(By.id("username")).sendKeys("admin");
		browser.findElement(By.id("password")).sendKeys("not-the-password");
		browser.findElement(By.id("sign-in")).click();
		assertThat(waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in-error"))).isDisplayed())
			.isTrue();
		assertThat(browser.manage().getCookieNamed(io.atrium.access.PageSessions.COOKIE)).isNull();
	}

	@Test
	void signInShowsTheOverviewAndSignOutEndsTheSession() {
		signInAsAdmin();
		settle();
		var cookie = browser.manage().getCookieNamed(io.atrium.access.PageSessions.COOKIE);
		assertThat(cookie.isHttpOnly()).isTrue();
		assertThat(cookie.getSameSite()).isEqualTo("Strict");
		assertThat(browser.findElements(By.cssSelector("[data-kpi]"))).hasSizeGreaterThanOrEqualTo(5);
		assertThat(browser.findElement(By.cssSelector(".user-name")).getText()).isEqualTo("admin");

		browser.findElement(By.cssSelector(".user-menu summary")).click();
		browser.findElement(By.id("sign-out")).click();
		waitFor().until(ExpectedConditions.urlContains("/login"));
		browser.get(url("/overview"));
		assertThat(browser.getCurrentUrl()).contains("/login");
	}

	@Test
	void theDateRangeDrivesTheUrlTheFiguresAndEveryChart() {
		signInAsAdmin();
		settle();
		assertThat(browser.findElement(By.cssSelector("[data-preset='30d']")).getAttribute("class")).contains("active");
		waitFor().until(d -> ((Number) js("return window.atrium.chartRenders")).intValue() >= 3);
		long labels30 = labels("chart-series");
		String visits30 = kpi("visits");
		int rendersBefore = ((Number) js("return window.atrium.chartRenders")).intValue();
		js("window.__sameDocument = true");

		browser.findElement(By.cssSelector("[data-preset='7d']")).click();
		waitFor().until(ExpectedConditions.urlContains("preset=7d"));
		waitFor().until(d -> d.findElement(By.cssSelector("[data-preset='7d']")).getAttribute("class").contains("active"));
		waitFor().until(d -> ((Number) js("return window.atrium.chartRenders")).intValue() >= rendersBefore + 3);
		assertThat(js("return window.__sameDocument")).as("swapped by htmx, not a full reload").isEqualTo(true);
		assertThat(labels("chart-series")).isEqualTo(7).isLessThan(labels30);
		assertThat(browser.findElement(By.id("range-text")).getText()).contains("2026-11-18", "2026-11-24");
		assertThat(kpi("visits")).isNotEqualTo(visits30);

		WebElement from = browser.findElement(By.id("range-from"));
		WebElement to = browser.findElement(By.id("range-to"));
		js("arguments[0].value = '2026-10-01'; arguments[1].value = '2026-10-10';", from, to);
		browser.findElement(By.id("range-apply")).click();
		waitFor().until(ExpectedConditions.urlContains("from=2026-10-01"));
		waitFor().until(d -> d.findElement(By.id("range-text")).getText().contains("2026-10-10"));
		assertThat(labels("chart-series")).isEqualTo(10);
		assertThat(browser.findElements(By.cssSelector(".segmented a.active"))).isEmpty();

		browser.navigate().refresh();
		settle();
		waitFor().until(d -> labels("chart-series") == 10);
		assertThat(browser.findElement(By.id("range-text")).getText()).contains("2026-10-01");
	}

	@Test
	void everyOverviewChartIsDrawnWithData() {
		signInAsAdmin();
		settle();
		for (String chart : List.of("chart-series", "chart-funnel", "chart-churn")) {
			waitFor().until(d -> labels(chart) > 0);
		}
		Number customersInFunnel = (Number) js(
				"return Chart.getChart(document.getElementById('chart-funnel')).data.datasets[0].data[0]");
		assertThat(customersInFunnel.longValue()).isPositive();
	}

	long labels(String canvasId) {
		Object n = js("var c = window.Chart && Chart.getChart(document.getElementById(arguments[0]));"
				+ " return c ? c.data.labels.length : -1;", canvasId);
		return ((Number) n).longValue();
	}

	String kpi(String key) {
		return browser.findElement(By.cssSelector("[data-kpi='" + key + "'] .kpi-value")).getText();
	}
}
