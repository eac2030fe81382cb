package io.atrium.scoring;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import io.atrium.customer.CustomersMerged;
import io.atrium.customer.IdentifyingCustomers;
import io.atrium.shared.CustomerId;
import io.atrium.tracking.TouchpointRecorded;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class ScoringLedgerIntegrationTests {

	static final List<String> TYPES = List.of("purchase", "store_visit", "email_open", "app_session", "website_visit");

	@Autowired
	ScoringManagement scoring;

	@Autowired
	LeadScores scores;

	@Autowired
	BatchRescoring batch;

	@Autowired
	IdentifyingCustomers customers;

	@Autowired
	JdbcClient jdbc;

	@Test
	void keepsEveryScoreEqualToItsLedgerUnderConcurrentTouchpointsAndRescoring() throws Exception {
		CustomerId customer = customer(Map.of("has_car", true, "preferred_category", "Fashion"));
		ExecutorService pool = Executors.newFixedThreadPool(24);
		// at most 8 transactions in flight (the test pool has 10 connections): every one of them contends for the
		// same row, which is what the invariant is about; more would only time out waiting for a connection
		Semaphore inFlight = new Semaphore(8, true);
		List<Callable<Void>> work = new ArrayList<>();
		for (int thread = 0; thread < 20; thread++) {
			int t = thread;
			work.add(() -> {
				for (int i = 0; i < 50; i++) {
					TouchpointRecorded touchpoint = touchpoint(customer, TYPES.get((t + i) % TYPES.size()), (t * 50 + i) % 90);
					limited(inFlight, () -> scoring.record(touchpoint));
				}
				return null;
			});
		}
		for (int thread = 0; thread < 2; thread++) {
			work.add(() -> {
				for (int i = 0; i < 25; i++) {
					limited(inFlight, () -> scoring.rescore(customer, "rescore", null, false));
				}
				return null;
			});
		}
		for (int thread = 0; thread < 2; thread++) {
			work.add(() -> {
				for (int i = 0; i < 25; i++) {
					limited(inFlight, () -> batch.rescore(List.of(customer), "rescore", null));
				}
				return null;
			});
		}
		try {
			for (Future<Void> done : pool.invokeAll(work)) {
				done.get();
			}
		}
		finally {
			pool.shutdownNow();
		}

		LeadScores.ScoreRow row = scores.find(customer).orElseThrow();
		Map<String, BigDecimal> sums = scores.ledgerSums(customer);
		for (String kind : LeadScores.KINDS) {
			assertThat(sums.get(kind)).as(kind).isEqualByComparingTo(row.value(kind));
		}
		assertThat(row.value("behavioral")).isGreaterThan(BigDecimal.ZERO);
		assertThat(jdbc.sql("select sum(events) from scoring_activity where customer_id = :c")
			.param("c", customer.value())
			.query(Long.class)
			.single()).isEqualTo(1000L);
		assertThat(jdbc.sql("select count(distinct cause_ref) from score_ledger where customer_id = :c and cause = 'touchpoint'")
			.param("c", customer.value())
			.query(Long.class)
			.single()).isBetween(1L, 1000L);
		assertThat(chainIsUnbroken(customer)).isTrue();
	}

	@Test
	void batchRescoringComputesWhatSingleRescoringComputes() {
		CustomerId first = customer(Map.of("has_car", "yes"));
		CustomerId second = customer(Map.of());
		scoring.record(touchpoint(first, "purchase", 3));
		scoring.record(touchpoint(second, "email_click", 1));
		CustomerId fresh = customer(Map.of("lifetime_spend_cny", 9000));

		batch.rescore(List.of(first, second, fresh), "rescore", null);
		long rows = jdbc.sql("select count(*) from score_ledger where customer_id in (:a, :b, :c)")
			.param("a", first.value()).param("b", second.value()).param("c", fresh.value())
			.query(Long.class).single();
		for (CustomerId id : List.of(first, second, fresh)) {
			scoring.rescore(id, "rescore", null, false);
			LeadScores.ScoreRow row = scores.find(id).orElseThrow();
			Map<String, BigDecimal> sums = scores.ledgerSums(id);
			LeadScores.KINDS.forEach(kind -> assertThat(sums.get(kind)).isEqualByComparingTo(row.value(kind)));
		}
		assertThat(jdbc.sql("select count(*) from score_ledger where customer_id in (:a, :b, :c)")
			.param("a", first.value()).param("b", second.value()).param("c", fresh.value())
			.query(Long.class).single()).isEqualTo(rows);
		assertThat(scores.find(fresh).orElseThrow().value("demographic")).isGreaterThan(BigDecimal.ZERO);
	}

	@Test
	void countsAReplayedTouchpointOnce() {
		CustomerId customer = customer(Map.of());
		TouchpointRecorded touchpoint = touchpoint(customer, "purchase", 0);
		scoring.record(touchpoint);
		LeadScores.ScoreRow first = scores.find(customer).orElseThrow();
		scoring.record(touchpoint);
		assertThat(scores.find(customer).orElseThrow().values()).isEqualTo(first.values());
		assertThat(jdbc.sql("select sum(events) from scoring_activity where customer_id = :c")
			.param("c", customer.value())
			.query(Long.class)
			.single()).isEqualTo(1L);
	}

	@Test
	void movesTheMergedProfilesActivityAndScoresToTheSurvivor() {
		CustomerId merged = customer(Map.of());
		CustomerId survivor = customer(Map.of());
		for (int i = 0; i < 3; i++) {
			scoring.record(touchpoint(merged, "purchase", i));
		}
		scoring.record(touchpoint(survivor, "store_visit", 0));
		BigDecimal before = scores.find(survivor).orElseThrow().value("behavioral");

		scoring.merge(new CustomersMerged(merged, survivor));

		assertThat(scores.find(merged)).isEmpty();
		assertThat(scores.ledgerSums(merged).values()).allSatisfy(sum -> assertThat(sum).isEqualByComparingTo("0"));
		LeadScores.ScoreRow row = scores.find(survivor).orElseThrow();
		assertThat(row.value("behavioral")).isGreaterThan(before);
		Map<String, BigDecimal> sums = scores.ledgerSums(survivor);
		LeadScores.KINDS.forEach(kind -> assertThat(sums.get(kind)).isEqualByComparingTo(row.value(kind)));
	}

	@Test
	void attributesEachChangeToTheTouchpointThatCausedIt() {
		CustomerId customer = customer(Map.of());
		TouchpointRecorded purchase = touchpoint(customer, "purchase", 0);
		scoring.record(purchase);
		List<String> refs = jdbc.sql("select cause || ':' || cause_ref from score_ledger where customer_id = :c and kind = 'behavioral'")
			.param("c", customer.value())
			.query(String.class)
			.list();
		assertThat(refs).containsExactly("touchpoint:" + purchase.touchpointId());
	}

	private static void limited(Semaphore inFlight, Runnable work) throws InterruptedException {
		inFlight.acquire();
		try {
			work.run();
		}
		finally {
			inFlight.release();
		}
	}

	/** Each ledger row starts where the previous one of its kind ended. */
	private boolean chainIsUnbroken(CustomerId customer) {
		Long breaks = jdbc.sql("""
				select count(*) from (
				  select old_value, lag(new_value, 1, 0::numeric) over (partition by kind order by id) as previous
				  from score_ledger where customer_id = :c) chain
				where old_value <> previous
				""").param("c", customer.value()).query(Long.class).single();
		return breaks == 0;
	}

	private CustomerId customer(Map<String, Object> traits) {
		return customers.identify("SCORE-" + UUID.randomUUID().toString().substring(0, 12), null, traits, "test");
	}

	static TouchpointRecorded touchpoint(CustomerId customer, String type, int daysAgo) {
		return new TouchpointRecorded(UUID.randomUUID(), customer, type, "store",
				Instant.now().minus(Duration.ofDays(daysAgo)), "purchase".equals(type) ? new BigDecimal("120.00") : null,
				null, null);
	}
}
