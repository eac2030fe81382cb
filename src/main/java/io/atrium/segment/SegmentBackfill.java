package io.atrium.segment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.ProfileFacts;
import io.atrium.platform.JobId;
import io.atrium.platform.JobProgress;
import io.atrium.platform.Jobs;
import io.atrium.tracking.TouchpointHistory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the module's facts from history (profiles through {@link CustomerDirectory}, touchpoints through
 * {@link TouchpointHistory}) and recomputes every dynamic segment; needed after bulk loads, which publish no
 * events. Runs as a job, one at a time across nodes.
 */
@Service
class SegmentBackfill {

	private static final int BATCH = 5_000;

	/** One customer's touchpoints of one type on one day. */
	private record Key(UUID customer, String type, LocalDate day) {
	}

	private final CustomerDirectory directory;

	private final TouchpointHistory history;

	private final SegmentFacts facts;

	private final Segments segments;

	private final SegmentEvaluation evaluation;

	private final JdbcTemplate jdbc;

	private final Jobs jobs;

	private final SegmentTexts texts;

	private final Clock clock;

	private final TransactionTemplate writes;

	SegmentBackfill(CustomerDirectory directory, TouchpointHistory history, SegmentFacts facts, Segments segments,
			SegmentEvaluation evaluation, JdbcTemplate jdbc, Jobs jobs, SegmentTexts texts, Clock clock,
			PlatformTransactionManager transactions) {
		this.writes = new TransactionTemplate(transactions);
		this.writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.directory = directory;
		this.history = history;
		this.facts = facts;
		this.segments = segments;
		this.evaluation = evaluation;
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.texts = texts;
		this.clock = clock;
	}

	JobId start(String actor) {
		return jobs.startAlone("segment-backfill", Map.of(), actor, this::run, view -> {
		});
	}

	Map<String, Object> run(JobProgress progress) {
		progress.message(texts.get("segment.job.backfill"));
		List<ProfileFacts> pending = new ArrayList<>();
		long profiles = directory.streamProfileFacts(profile -> {
			pending.add(profile);
			if (pending.size() >= BATCH) {
				save(pending);
			}
		});
		save(pending);
		facts.deleteAllFacts();
		Map<Key, long[]> counts = new HashMap<>();
		Map<Key, BigDecimal> amounts = new HashMap<>();
		UUID[] current = { null };
		long touchpoints = history.stream(touchpoint -> {
			UUID customer = touchpoint.customerId().value();
			if (current[0] != null && !current[0].equals(customer) && counts.size() >= BATCH) {
				flush(counts, amounts);
			}
			current[0] = customer;
			Key key = new Key(customer, touchpoint.touchpointType(),
					LocalDate.ofInstant(touchpoint.occurredAt(), evaluation.zone()));
			counts.computeIfAbsent(key, k -> new long[1])[0]++;
			if (touchpoint.amount() != null) {
				amounts.merge(key, touchpoint.amount(), BigDecimal::add);
			}
		});
		flush(counts, amounts);
		int recomputed = 0;
		for (SegmentRow segment : segments.active()) {
			if (segment.dynamic()) {
				evaluation.recompute(segment.id(), clock.instant());
				recomputed++;
			}
		}
		return Map.of("profiles", profiles, "touchpoints", touchpoints, "segments", recomputed);
	}

	/** Writes in a transaction of its own: the history is read inside the readers' read-only transactions. */
	private void save(List<ProfileFacts> pending) {
		writes.executeWithoutResult(status -> facts.saveProfiles(pending));
		pending.clear();
	}

	private void flush(Map<Key, long[]> counts, Map<Key, BigDecimal> amounts) {
		writes.executeWithoutResult(status -> insertFacts(counts, amounts));
		counts.clear();
		amounts.clear();
	}

	private void insertFacts(Map<Key, long[]> counts, Map<Key, BigDecimal> amounts) {
		List<Object[]> rows = new ArrayList<>();
		counts.forEach((key, count) -> rows.add(new Object[] { key.customer(), key.type(), key.day(), (int) count[0],
				amounts.getOrDefault(key, BigDecimal.ZERO) }));
		jdbc.batchUpdate("""
				insert into segment_fact (customer_id, type, day, count, amount) values (?, ?, ?, ?, ?)
				on conflict (customer_id, type, day) do update
				set count = segment_fact.count + excluded.count, amount = segment_fact.amount + excluded.amount
				""", rows);
	}
}
