package io.atrium.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.atrium.shared.Conflict;
import io.atrium.shared.Page;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class JobsIntegrationTests {

	@Autowired
	Jobs jobs;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void showsProgressWhileRunningAndTheResultWhenSucceeded() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		JobId id = jobs.start("test-progress", Map.of("size", 4), "tester", progress -> {
			progress.total(4);
			progress.message("halfway");
			while (!release.await(20, TimeUnit.MILLISECONDS)) {
				progress.done(2);
			}
			progress.advance(2);
			return Map.of("rows", 4);
		});

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc
			.perform(get("/api/jobs/{id}", id.value()).with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("running"))
			.andExpect(jsonPath("$.done").value(2))
			.andExpect(jsonPath("$.total").value(4))
			.andExpect(jsonPath("$.percent").value(50))
			.andExpect(jsonPath("$.message").value("halfway"))
			.andExpect(jsonPath("$.started_at").isNotEmpty()));
		release.countDown();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> jobs.find(id.value()).map(JobView::status).orElseThrow(), "succeeded"::equals);
		mvc.perform(get("/api/jobs/{id}", id.value()).with(user("viewer").roles("VIEWER")))
			.andExpect(jsonPath("$.kind").value("test-progress"))
			.andExpect(jsonPath("$.done").value(4))
			.andExpect(jsonPath("$.percent").value(100))
			.andExpect(jsonPath("$.result.rows").value(4))
			.andExpect(jsonPath("$.parameters.size").value(4))
			.andExpect(jsonPath("$.created_by").value("tester"))
			.andExpect(jsonPath("$.finished_at").isNotEmpty());
	}

	@Test
	void aJobStartedInsideATransactionRunsOnceItCommitsAndNeverWhenItRollsBack() throws Exception {
		TransactionTemplate transaction = new TransactionTemplate(transactionManager);
		CountDownLatch ran = new CountDownLatch(1);
		JobId committed = transaction.execute(status -> {
			JobId id = jobs.start("test-in-transaction", Map.of(), "tester", progress -> {
				ran.countDown();
				return Map.of("ok", true);
			});
			// the job's row is this transaction's: a job let loose now would look for a row it cannot see
			assertThat(awaitQuietly(ran, 300)).as("ran before its transaction committed").isFalse();
			return id;
		});
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jobs.find(committed.value()).map(JobView::status).orElse(null), "succeeded"::equals);
		assertThat(ran.getCount()).isZero();

		CountDownLatch rolledBackRan = new CountDownLatch(1);
		JobId rolledBack = transaction.execute(status -> {
			status.setRollbackOnly();
			return jobs.start("test-in-transaction", Map.of(), "tester", progress -> {
				rolledBackRan.countDown();
				return Map.of();
			});
		});
		assertThat(awaitQuietly(rolledBackRan, 500)).as("ran although its transaction rolled back").isFalse();
		assertThat(jobs.find(rolledBack.value())).isEmpty();
	}

	private static boolean awaitQuietly(CountDownLatch latch, long millis) {
		try {
			return latch.await(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Test
	void recordsAFailureWithoutItsInternals() {
		JobView failed = jobs.run("test-failure", Map.of(), "tester", progress -> {
			progress.total(10);
			progress.done(3);
			throw new IllegalStateException("secret internals at Foo.java:42");
		}, view -> {
		});

		assertThat(failed.status()).isEqualTo("failed");
		assertThat(failed.message()).isEqualTo("The job failed; see the server log").doesNotContain("secret");
		assertThat(failed.done()).isEqualTo(3);
		assertThat(failed.finishedAt()).isNotNull();
	}

	@Test
	void keepsTheMessageOfAProblemThatFailsAJob() {
		JobView failed = jobs.run("test-problem", Map.of(), "tester", progress -> {
			throw new Conflict("conflict", "The mall already has customers");
		}, view -> {
		});

		assertThat(failed.status()).isEqualTo("failed");
		assertThat(failed.message()).isEqualTo("The mall already has customers");
	}

	@Test
	void tellsTheObserverHowTheJobEnded() {
		List<JobView> seen = new ArrayList<>();
		JobView done = jobs.run("test-observed", Map.of(), "tester", progress -> null, seen::add);

		assertThat(done.status()).isEqualTo("succeeded");
		assertThat(seen).last().extracting(JobView::status).isEqualTo("succeeded");
	}

	@Test
	void refusesASecondJobOfAKindThatRunsAlone() throws Exception {
		String kind = "test-alone-" + UUID.randomUUID();
		CountDownLatch release = new CountDownLatch(1);
		JobId first = jobs.startAlone(kind, Map.of(), "tester", progress -> {
			release.await(10, TimeUnit.SECONDS);
			return null;
		}, view -> {
		});
		try {
			assertThatThrownBy(() -> jobs.startAlone(kind, Map.of(), "tester", progress -> null, view -> {
			})).isInstanceOf(JobAlreadyRunning.class).hasMessageContaining(first.toString());
		}
		finally {
			release.countDown();
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jobs.find(first.value()).map(JobView::status).orElseThrow(), "succeeded"::equals);
		assertThat(jdbc.sql("select count(*) from job where kind = ?").param(kind).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void marksJobsWhoseNodeStoppedAsInterrupted() {
		UUID orphan = UUID.randomUUID();
		jdbc.sql("""
				insert into job (id, kind, status, created_by, created_at, started_at, heartbeat_at)
				values (?, 'test-orphan', 'running', 'tester', now() - interval '1 hour', now() - interval '1 hour',
				        now() - interval '10 minutes')
				""").param(orphan).update();

		jobs.failInterrupted();

		JobView job = jobs.find(orphan).orElseThrow();
		assertThat(job.status()).isEqualTo("failed");
		assertThat(job.message()).startsWith("Interrupted");
		assertThat(job.finishedAt()).isNotNull();
	}

	@Test
	void listsJobsNewestFirstPageByPage() throws Exception {
		for (int i = 0; i < 3; i++) {
			jobs.run("test-list", Map.of("i", i), "tester", progress -> null, view -> {
			});
		}
		List<JobView> walked = new ArrayList<>();
		String cursor = null;
		do {
			Page<JobView> page = jobs.list(cursor, 2);
			walked.addAll(page.items());
			cursor = page.nextCursor();
		}
		while (cursor != null);

		assertThat(walked).extracting(JobView::id).doesNotHaveDuplicates();
		assertThat(walked).extracting(JobView::createdAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(walked.stream().filter(job -> job.kind().equals("test-list")).count()).isGreaterThanOrEqualTo(3);
		mvc.perform(get("/api/jobs").param("limit", "1").with(user("analyst").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.next_cursor").isNotEmpty());
	}

	@Test
	void answersUnknownJobsAndBadPagesWithProblems() throws Exception {
		mvc.perform(get("/api/jobs/{id}", UUID.randomUUID()).with(user("viewer").roles("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value(containsString("job-not-found")));
		mvc.perform(get("/api/jobs").param("limit", "501").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("limit"));
		mvc.perform(get("/api/jobs").param("cursor", "bm9wZQ").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value(not(containsString("Exception"))));
	}
}
