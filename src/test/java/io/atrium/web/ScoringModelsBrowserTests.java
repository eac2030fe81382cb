package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.platform.JobAlreadyRunning;
import io.atrium.platform.JobId;
import io.atrium.scoring.ModelManagement;
import io.atrium.testing.HttpApi;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The trained models on the lead-scoring page: an admin retrains and watches the job until a new model with its
 * holdout AUC is listed, then activates an older model and the active badge moves; a marketer may retrain but
 * has no Activate button, and the server refuses the activation anyway.
 */
class ScoringModelsBrowserTests extends BrowserTestSupport {

	@Autowired
	ModelManagement models;

	String marketer;

	@BeforeAll
	void createAMarketer() {
		marketer = "marketer-models-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(api.post("/api/admin/users", api.adminToken(),
				Map.of("username", marketer, "password", "marketer-password-1", "role", "MARKETER")).status())
			.isEqualTo(201);
	}

	@Test
	void anAdminRetrainsThenActivatesAnOlderModel() throws Exception {
		int newestBefore = models.newestFirst(1).stream().mapToInt(ModelManagement.ModelSummary::version).max().orElse(0);

		signInAsAdmin();
		browser.get(url("/scoring?lang=en"));
		settle();
		browser.findElement(By.id("retrain")).click();
		// the job fragment replaces itself every 2 s: read it inside waits that retry a replaced element
		String first = waitFor().ignoring(StaleElementReferenceException.class)
			.until(d -> d.findElement(By.cssSelector(".training-job")).getAttribute("data-status"));
		assertThat(first).isIn("queued", "running", "succeeded");
		screenshot("scoring-training");
		String status = new WebDriverWait(browser, Duration.ofMinutes(3)).ignoring(StaleElementReferenceException.class)
			.until(d -> {
			String s = d.findElement(By.cssSelector(".training-job")).getAttribute("data-status");
			return "succeeded".equals(s) || "failed".equals(s) ? s : null;
		});
		assertThat(status).as(browser.findElement(By.cssSelector(".training-job")).getText()).isEqualTo("succeeded");
		ModelManagement.ModelSummary trained = models.newestFirst(1).get(0);
		assertThat(trained.version()).isGreaterThan(newestBefore);
		WebElement row = waitFor().until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector(".model-row[data-version='" + trained.version() + "']")));
		String auc = row.findElement(By.className("model-auc")).getText();
		assertThat(auc).matches("0\\.\\d{3}|1\\.000");
		assertThat(Double.parseDouble(auc)).isEqualTo(trained.auc().doubleValue(), org.assertj.core.data.Offset.offset(0.0005));
		assertThat(browser.findElement(By.cssSelector(".training-job")).getText()).contains("Done");
		screenshot("scoring-trained");

		ensureTwoModels();
		List<ModelManagement.ModelSummary> listed = models.newestFirst(20);
		int active = listed.stream().filter(ModelManagement.ModelSummary::active).findFirst().orElseThrow().version();
		int older = listed.stream()
			.filter(m -> !m.active() && m.version() < active)
			.mapToInt(ModelManagement.ModelSummary::version)
			.max()
			.orElseGet(() -> listed.stream().filter(m -> !m.active()).findFirst().orElseThrow().version());
		try {
			awaitNoRescoring();
			browser.get(url("/scoring?lang=en"));
			settle();
			assertThat(activeVersions()).containsExactly(String.valueOf(active));
			browser.findElement(By.cssSelector(".model-row[data-version='" + older + "'] .activate-model button")).click();
			waitFor().until(d -> activeVersions().equals(List.of(String.valueOf(older))));
			assertThat(browser.findElements(By.cssSelector(".model-row[data-version='" + active + "'] .activate-model button")))
				.hasSize(1);
			HttpApi.Response shown = api.get("/api/scoring/models/" + older, api.adminToken());
			assertThat(shown.json().get("active").asBoolean()).isTrue();
			screenshot("scoring-activated");
		}
		finally {
			Awaitility.await()
				.atMost(Duration.ofMinutes(3))
				.ignoreException(JobAlreadyRunning.class)
				.until(() -> models.activate(active, "test-restore") != null);
			awaitNoRescoring();
		}
	}

	@Test
	void aMarketerMayRetrainButNotActivate() {
		signIn(marketer, "marketer-password-1");
		browser.get(url("/scoring?lang=en"));
		settle();
		assertThat(browser.findElements(By.id("retrain"))).hasSize(1);
		assertThat(browser.findElements(By.cssSelector(".model-row"))).isNotEmpty();
		assertThat(browser.findElements(By.cssSelector(".activate-model"))).isEmpty();
		int version = models.newestFirst(1).get(0).version();
		Object refused = js("""
				var c = window.atrium.csrf(), r = new XMLHttpRequest();
				r.open('POST', '/scoring/models/' + arguments[0] + '/activate', false);
				r.setRequestHeader(c.header, c.token); r.send(); return r.status;""", version);
		assertThat(((Number) refused).intValue()).isEqualTo(403);
	}

	/** Read in one script, so that htmx replacing the list between two reads cannot leave a stale element. */
	@SuppressWarnings("unchecked")
	private List<String> activeVersions() {
		return List.copyOf((List<String>) js("""
				return Array.from(document.querySelectorAll(".model-row[data-active='true']"))
				  .map(function (row) { return row.getAttribute('data-version'); });"""));
	}

	private void ensureTwoModels() {
		while (models.newestFirst(2).size() < 2) {
			JobId job = Awaitility.await()
				.atMost(Duration.ofMinutes(3))
				.ignoreException(JobAlreadyRunning.class)
				.until(() -> models.train("test"), j -> j != null);
			Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> jobs.find(job.value()).orElseThrow().finished());
		}
	}

	private void awaitNoRescoring() {
		Awaitility.await()
			.atMost(Duration.ofMinutes(3))
			.until(() -> jobs.list(null, 100)
				.items()
				.stream()
				.noneMatch(j -> "scoring-batch".equals(j.kind()) && !j.finished()));
	}

	private void screenshot(String name) throws Exception {
		js("document.getElementById('models').scrollIntoView()");
		saveScreenshot(name);
	}
}
