package io.atrium.web;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.atrium.analytics.AnalyticsRollups;
import io.atrium.demo.LoadingDemoMall;
import io.atrium.journey.JourneyRebuilding;
import io.atrium.platform.JobView;
import io.atrium.platform.Jobs;
import io.atrium.testing.HttpApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs the application on a random port with a small synthetic mall (1,000 customers, fixed clock) and drives
 * Debian's Chromium through chromedriver. Every browser test class shares this configuration, so they share
 * one application context and one demo load.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.clock.fixed=2026-11-24T10:00:00+08:00", "atrium.security.login-per-minute=100000" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestSupport {

	static final long SEED = 20261124L;

	@LocalServerPort
	int port;

	@Autowired
	LoadingDemoMall demo;

	@Autowired
	JourneyRebuilding journeys;

	@Autowired
	AnalyticsRollups rollups;

	@Autowired
	Jobs jobs;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Autowired
	io.atrium.tracking.TouchpointHistory touchpoints;

	@Autowired
	io.atrium.scoring.ScoringHistory scoringHistory;

	@Autowired
	io.atrium.access.PageSessions sessions;

	HttpApi api;

	WebDriver browser;

	private Path profile;

	@BeforeAll
	void startBrowserAndLoadTheMall() throws Exception {
		api = new HttpApi(port);
		synchronized (BrowserTestSupport.class) {
			if (!demo.demoCustomersExist()) {
				JobView loaded = demo.loadNow(1_000, SEED, "browser-tests", job -> {
				});
				if (!"succeeded".equals(loaded.status())) {
					throw new IllegalStateException("demo load " + loaded.status() + ": " + loaded.message());
				}
				UUID rebuild = journeys.rebuild("browser-tests").value();
				await().atMost(Duration.ofMinutes(3)).until(() -> jobs.find(rebuild).orElseThrow().finished());
				rollups.rebuild();
				new io.atrium.segment.SegmentBenchmarkAccess(context).backfill(new io.atrium.platform.JobProgress() {
					public void total(long total) {
					}

					public void advance(long units) {
					}

					public void done(long done) {
					}

					public void message(String message) {
					}

					public void phase(String message, long total) {
					}
				});
				// scoring learns the loaded history, then scores everyone (as an operator does after an import)
				java.util.List<io.atrium.scoring.ScoringHistory.PastTouchpoint> past = new java.util.ArrayList<>();
				touchpoints.stream(t -> past.add(new io.atrium.scoring.ScoringHistory.PastTouchpoint(t.customerId(),
						t.touchpointType(), t.occurredAt(), t.amount())));
				scoringHistory.record(past.iterator());
				HttpApi.Response batch = api.post("/api/scoring/batch", api.adminToken(), java.util.Map.of());
				UUID scoring = UUID.fromString(batch.json().get("job_id").asString());
				await().atMost(Duration.ofMinutes(3)).until(() -> jobs.find(scoring).orElseThrow().finished());
			}
		}
		profile = Files.createTempDirectory("atrium-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage",
				"--user-data-dir=" + profile, "--window-size=1440,900", "--lang=en-US");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().window().setSize(new Dimension(1440, 900));
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
	}

	@AfterAll
	void stopBrowser() throws Exception {
		if (browser != null) {
			browser.quit();
		}
		if (profile != null) {
			try (var files = Files.walk(profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	void signIn(String username, String password) {
		browser.manage().deleteAllCookies();
		browser.get(url("/login?lang=en"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.id("sign-in")).click();
		waitFor().until(ExpectedConditions.urlContains("/overview"));
	}

	void signInAsAdmin() {
		signIn(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD);
	}

	WebDriverWait waitFor() {
		return new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	Object js(String script, Object... args) {
		return ((JavascriptExecutor) browser).executeScript(script, args);
	}

	/** Waits until the page finished loading and its deferred scripts ran. */
	void settle() {
		waitFor().until(d -> "complete".equals(js("return document.readyState"))
				&& Boolean.TRUE.equals(js("return !!(window.atrium && window.htmx)")));
	}

	/**
	 * Saves what the browser shows as {@code target/browser-screenshots/<name>.png}, for a person to look at.
	 * @return the file written
	 */
	java.nio.file.Path saveScreenshot(String name) {
		try {
			java.nio.file.Path file = java.nio.file.Path.of("target", "browser-screenshots", name + ".png");
			java.nio.file.Files.createDirectories(file.getParent());
			return java.nio.file.Files.write(file,
					((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}
}
