package io.atrium.journey;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

import io.atrium.platform.JobProgress;
import io.atrium.shared.CustomerId;
import io.atrium.tracking.TouchpointHistory;
import io.atrium.tracking.TouchpointHistory.HistoricTouchpoint;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes journeys in bulk.
 * <ul>
 * <li>{@link #rebuild} replays all stored touchpoint history (read through {@link TouchpointHistory}) into fresh
 * journeys, stage transitions included, e.g. after a bulk load, which publishes no events. It publishes nothing and
 * raises no alerts: it reconstructs the past rather than reacting to it.</li>
 * <li>{@link #rescore} applies the passing of time to every journey (regressions that fell due, lower recency)
 * and re-scores it; run nightly and on request. Its transitions are published and crossings into high risk raise
 * alerts, like live updates.</li>
 * </ul>
 */
@Service
class JourneyRecompute {

	static final int BATCH = 1000;

	/** Parallel parts of a rescore (at most the number of processors). */
	static final int RESCORE_THREADS = 4;

	private final Journeys journeys;

	private final JourneyConfigs configs;

	private final ChurnModels models;

	private final JourneyUpdating updating;

	private final TouchpointHistory history;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	JourneyRecompute(Journeys journeys, JourneyConfigs configs, ChurnModels models, JourneyUpdating updating,
			TouchpointHistory history, ApplicationEventPublisher events, PlatformTransactionManager transactionManager,
			Clock clock) {
		this.journeys = journeys;
		this.configs = configs;
		this.models = models;
		this.updating = updating;
		this.history = history;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** What a recompute did. */
	record Outcome(long customers, long touchpoints, long transitions, long alerts) {

		Map<String, Object> asMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("customers", customers);
			map.put("touchpoints", touchpoints);
			map.put("transitions", transitions);
			map.put("alerts", alerts);
			return map;
		}
	}

	/**
	 * Rebuilds every journey that has touchpoints from history, in transactions of {@value #BATCH} customers. Meant
	 * for after bulk loads: a live update of a customer racing with the rebuild of the same customer may be
	 * overwritten by the replay (the touchpoint itself is in the history, so only its events are lost).
	 * @param progress told customers done
	 */
	Outcome rebuild(JobProgress progress) {
		JourneyConfig config = configs.current();
		ZoneId zone = clock.getZone();
		Instant now = clock.instant();
		Replay replay = new Replay(config, zone, now, progress);
		long touchpoints = history.stream(replay::accept);
		replay.finish();
		return new Outcome(replay.customers, touchpoints, replay.transitions, 0);
	}

	private final class Replay {

		private final JourneyConfig config;

		private final ZoneId zone;

		private final Instant now;

		private final LocalDate today;

		private final JobProgress progress;

		private JourneyState current;

		private Map<String, Journeys.TypeCount> counts;

		private final List<Journeys.Saved> saved = new ArrayList<>(BATCH);

		private final Map<UUID, NavigableMap<LocalDate, DayActivity>> days = new HashMap<>();

		private final Map<UUID, List<Journeys.TypeCount>> typeCounts = new HashMap<>();

		private final List<StageTransition> pendingTransitions = new ArrayList<>();

		long customers;

		long transitions;

		Replay(JourneyConfig config, ZoneId zone, Instant now, JobProgress progress) {
			this.config = config;
			this.zone = zone;
			this.now = now;
			this.today = now.atZone(zone).toLocalDate();
			this.progress = progress;
		}

		void accept(HistoricTouchpoint touchpoint) {
			if (current == null || !current.customerId().equals(touchpoint.customerId())) {
				close();
				current = JourneyState.fresh(touchpoint.customerId(), zone);
				counts = new HashMap<>();
			}
			boolean positive = Touch.positive(touchpoint.touchpointType(), touchpoint.rating(), touchpoint.event(),
					config.stages().positiveReviewRating());
			current.apply(new Touch(touchpoint.id(), touchpoint.touchpointType(), touchpoint.channel(),
					touchpoint.occurredAt(), touchpoint.amount(), positive), config.stages());
			counts.merge(touchpoint.touchpointType() + '\u0000' + touchpoint.channel(),
					new Journeys.TypeCount(touchpoint.touchpointType(), touchpoint.channel(), 1,
							touchpoint.occurredAt()),
					(a, b) -> new Journeys.TypeCount(a.type(), a.channel(), a.touchpoints() + 1,
							a.lastAt().isAfter(b.lastAt()) ? a.lastAt() : b.lastAt()));
		}

		private void close() {
			if (current == null) {
				return;
			}
			current.catchUp(now, config.stages());
			JourneyScores scores = JourneyScores.of(ActivityFeatures.of(current.days, today), config,
					models.current(config));
			saved.add(new Journeys.Saved(current, scores));
			UUID id = current.customerId().value();
			days.put(id, current.days);
			typeCounts.put(id, List.copyOf(counts.values()));
			pendingTransitions.addAll(current.journey.transitions());
			customers++;
			current = null;
			if (saved.size() >= BATCH) {
				flush();
			}
		}

		void finish() {
			close();
			flush();
		}

		private void flush() {
			if (saved.isEmpty()) {
				return;
			}
			transactions.executeWithoutResult(status -> {
				journeys.relaxCommit();
				journeys.deleteAll(days.keySet());
				journeys.saveAll(saved, now);
				journeys.insertDays(days);
				journeys.insertCounts(typeCounts);
				journeys.insertTransitions(pendingTransitions, now);
			});
			transitions += pendingTransitions.size();
			progress.advance(saved.size());
			saved.clear();
			days.clear();
			typeCounts.clear();
			pendingTransitions.clear();
		}
	}

	/**
	 * Applies the passing of time to every journey and re-scores it, in batches of {@value #BATCH} customers.
	 * @param progress told customers done
	 */
	Outcome rescore(JobProgress progress) {
		JourneyConfig config = configs.current();
		ZoneId zone = clock.getZone();
		Instant now = clock.instant();
		ChurnModel model = models.current(config);
		int parts = Math.max(1, Math.min(RESCORE_THREADS, Runtime.getRuntime().availableProcessors()));
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parts);
		try {
			List<java.util.concurrent.Future<Outcome>> futures = new ArrayList<>();
			for (int i = 0; i < parts; i++) {
				UUID from0 = i == 0 ? new UUID(0, 0) : bound(i, parts);
				UUID to = i == parts - 1 ? null : bound(i + 1, parts);
				futures.add(pool.submit(() -> rescoreRange(from0, to, config, zone, now, model, progress)));
			}
			long customers = 0;
			long transitions = 0;
			long alerts = 0;
			for (java.util.concurrent.Future<Outcome> future : futures) {
				Outcome part = future.get();
				customers += part.customers();
				transitions += part.transitions();
				alerts += part.alerts();
			}
			return new Outcome(customers, 0, transitions, alerts);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("rescore interrupted", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw ex.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** @return the lower bound of part {@code i} of {@code parts} of the id space, in PostgreSQL's uuid order */
	static UUID bound(int i, int parts) {
		long step = Long.divideUnsigned(-1L, parts);
		return new UUID(step * i, 0);
	}

	private Outcome rescoreRange(UUID from, UUID to, JourneyConfig config, ZoneId zone, Instant now, ChurnModel model,
			JobProgress progress) {
		LocalDate today = now.atZone(zone).toLocalDate();
		UUID after = from;
		boolean first = true;
		long customers = 0;
		long[] transitions = { 0 };
		long[] alerts = { 0 };
		while (true) {
			List<Journeys.Row> rows = journeys.batch(after, first, to, BATCH);
			first = false;
			if (rows.isEmpty()) {
				break;
			}
			after = rows.get(rows.size() - 1).customerId().value();
			transactions.executeWithoutResult(status -> {
				journeys.relaxCommit();
				Map<UUID, NavigableMap<LocalDate, DayActivity>> days = journeys.days(
						rows.stream().map(r -> r.customerId().value()).toList(),
						today.minusDays(JourneyUpdating.DAYS_LOADED));
				List<Journeys.Saved> saved = new ArrayList<>(rows.size());
				List<StageTransition> moved = new ArrayList<>();
				for (Journeys.Row row : rows) {
					JourneyState state = row.state(zone, days.getOrDefault(row.customerId().value(), new TreeMap<>()));
					state.catchUp(now, config.stages());
					JourneyScores scores = JourneyScores.of(ActivityFeatures.of(state.days, today), config, model);
					saved.add(new Journeys.Saved(state, scores));
					moved.addAll(state.journey.transitions());
					if (JourneyScores.HIGH.equals(scores.churnLevel()) && !JourneyScores.HIGH.equals(row.churnLevel())
							&& updating.raiseIfCrossed(row.customerId(), row.churnLevel(), scores, now)) {
						alerts[0]++;
					}
				}
				journeys.updateScores(saved, now);
				journeys.insertTransitions(moved, now);
				moved.forEach(transition -> events.publishEvent(transition.event()));
				transitions[0] += moved.size();
			});
			customers += rows.size();
			progress.advance(rows.size());
		}
		return new Outcome(customers, 0, transitions[0], alerts[0]);
	}

	/** Rescore of one customer (after a configuration change, in tests). */
	void rescore(CustomerId customer) {
		transactions.executeWithoutResult(status -> {
			JourneyConfig config = configs.current();
			ZoneId zone = clock.getZone();
			Instant now = clock.instant();
			LocalDate today = now.atZone(zone).toLocalDate();
			journeys.lock(customer);
			journeys.find(customer).ifPresent(row -> {
				JourneyState state = row.state(zone, journeys.days(customer, today.minusDays(JourneyUpdating.DAYS_LOADED)));
				state.catchUp(now, config.stages());
				updating.store(state, row.churnLevel(), config, now);
			});
		});
	}
}
