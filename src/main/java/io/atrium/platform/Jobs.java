package io.atrium.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.atrium.shared.Cursor;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;
import io.atrium.shared.Problem;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Long-running work (imports, loads, recomputations) with its status and progress kept in the database, so
 * any node can show it: {@code queued → running → succeeded | failed}.
 * <p>
 * Jobs started with {@link #start} run on this node's bounded pool ({@code atrium.jobs.threads}, default 2,
 * with {@code atrium.jobs.queue} waiting); {@link #run} runs one on the caller's thread (command line). A node
 * marks its jobs alive every {@code atrium.jobs.heartbeat-seconds}; a job left queued or running by a node
 * that died is marked failed ("interrupted") by any node, at start-up and then every minute, once its heartbeat
 * is older than {@code atrium.jobs.stale-after-seconds}. Failure messages never carry stack traces.
 */
@Service
public class Jobs {

	private static final Logger log = LoggerFactory.getLogger(Jobs.class);

	/** Texts used when the bundle is not configured. */
	private static final Map<String, String> DEFAULTS = Map.of("job.interrupted",
			"Interrupted: the node running this job stopped", "job.failed", "The job failed; see the server log",
			"job.rejected", "Too many jobs are waiting; try again later");

	private final JobRows rows;

	private final Clock clock;

	private final MessageSource messages;

	private final TransactionTemplate transactions;

	private final TransactionTemplate separately;

	private final JobSettings settings;

	private final ThreadPoolExecutor pool;

	private final ScheduledExecutorService keeper;

	private final Set<UUID> mine = ConcurrentHashMap.newKeySet();

	Jobs(JobRows rows, Clock clock, MessageSource messages, TransactionTemplate transactions, JobSettings settings) {
		this.rows = rows;
		this.clock = clock;
		this.messages = messages;
		this.transactions = transactions;
		this.separately = new TransactionTemplate(transactions.getTransactionManager());
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.settings = settings;
		AtomicInteger threads = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(settings.queue()),
				task -> daemon(task, "atrium-job-" + threads.incrementAndGet()));
		this.keeper = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "atrium-job-keeper"));
		keeper.scheduleWithFixedDelay(this::heartbeat, settings.heartbeatSeconds(), settings.heartbeatSeconds(),
				TimeUnit.SECONDS);
	}

	/**
	 * Queues work to run on this node's job pool.
	 * @param kind what the job does, e.g. {@code demo-load}
	 * @param parameters what it was started with, shown with the job; never PII
	 * @param createdBy who started it (user name or {@code system})
	 * @param work the work
	 * @return the new job's id; the job is {@code queued} or already {@code running}. Started inside a transaction,
	 *         the job is recorded in it and runs once it commits; it never runs when the transaction rolls back
	 * @throws JobsBusy when the pool and its queue are full (the job is recorded as failed); inside a transaction
	 *         a full pool at commit is logged and the job recorded as failed instead
	 */
	public JobId start(String kind, Map<String, Object> parameters, String createdBy, JobWork work) {
		return start(kind, parameters, createdBy, work, view -> {
		});
	}

	/**
	 * Like {@link #start(String, Map, String, JobWork)}, telling an observer about progress.
	 * @param observer called on the job's thread with the job's state at every progress write and at its end
	 * @return the new job's id
	 */
	public JobId start(String kind, Map<String, Object> parameters, String createdBy, JobWork work,
			Consumer<JobView> observer) {
		UUID id = UUID.randomUUID();
		rows.insert(id, kind, parameters, createdBy, clock.instant());
		return submit(id, work, observer);
	}

	/**
	 * Queues work of a kind that runs one at a time across all nodes.
	 * @return the new job's id
	 * @throws JobAlreadyRunning when a job of this kind is queued or running (nothing is recorded then)
	 * @throws JobsBusy when the pool and its queue are full
	 * @see #start(String, Map, String, JobWork, Consumer)
	 */
	public JobId startAlone(String kind, Map<String, Object> parameters, String createdBy, JobWork work,
			Consumer<JobView> observer) {
		UUID id = UUID.randomUUID();
		transactions.executeWithoutResult(status -> {
			rows.lockKind(kind);
			rows.active(kind).ifPresent(running -> {
				throw new JobAlreadyRunning(kind, new JobId(running));
			});
			rows.insert(id, kind, parameters, createdBy, clock.instant());
		});
		return submit(id, work, observer);
	}

	/**
	 * Runs work on the caller's thread, recording it as a job like any other.
	 * @param observer told about progress, e.g. a {@link ConsoleProgress}
	 * @return the finished job, {@code succeeded} or {@code failed}
	 */
	public JobView run(String kind, Map<String, Object> parameters, String createdBy, JobWork work,
			Consumer<JobView> observer) {
		UUID id = UUID.randomUUID();
		rows.insert(id, kind, parameters, createdBy, clock.instant());
		mine.add(id);
		execute(id, work, observer, LocaleContextHolder.getLocale());
		return rows.find(id).orElseThrow();
	}

	/**
	 * @param id a job id
	 * @return the job, or empty when there is none with this id
	 */
	public Optional<JobView> find(UUID id) {
		return rows.find(id);
	}

	/**
	 * @param cursor from a previous page's {@code next_cursor}, or {@code null} for the first page
	 * @param limit page size (default 50, at most 500)
	 * @return jobs, newest first
	 * @throws InvalidInput when the cursor or the limit is invalid
	 */
	public Page<JobView> list(String cursor, Integer limit) {
		int size = Limit.of(limit);
		List<String> after = Cursor.decode(cursor, 2);
		List<JobView> jobs;
		try {
			jobs = after.isEmpty() ? rows.newestFirst(null, null, size + 1)
					: rows.newestFirst(Instant.parse(after.get(0)), UUID.fromString(after.get(1)), size + 1);
		}
		catch (DateTimeParseException | IllegalArgumentException ex) {
			throw InvalidInput.of("cursor", "is not a cursor this list issued");
		}
		if (jobs.size() <= size) {
			return new Page<>(jobs, null);
		}
		JobView last = jobs.get(size - 1);
		return new Page<>(jobs.subList(0, size), Cursor.encode(last.createdAt().toString(), last.id().toString()));
	}

	/**
	 * Marks queued or running jobs whose node stopped sending heartbeats as failed.
	 * @return how many were marked
	 */
	public int failInterrupted() {
		int failed = rows.failStale(settings.staleAfterSeconds(), text("job.interrupted", Locale.ROOT),
				clock.instant());
		if (failed > 0) {
			log.warn("Marked {} interrupted job(s) as failed", failed);
		}
		return failed;
	}

	/** Runs before other start-up work, so that a job a dead node left behind does not block a new one. */
	@EventListener(ApplicationReadyEvent.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void keepWatch() {
		failInterrupted();
		keeper.scheduleWithFixedDelay(this::sweep, 60, 60, TimeUnit.SECONDS);
	}

	@PreDestroy
	void stop() {
		keeper.shutdownNow();
		pool.shutdownNow();
		try {
			pool.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			if (!mine.isEmpty()) {
				rows.interrupted(Set.copyOf(mine), text("job.interrupted", Locale.ROOT), clock.instant());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not mark this node's jobs as interrupted: {}", ex.getMessage());
		}
	}

	/**
	 * Hands the job to the pool. Started inside a transaction (an event listener's, a service's), the job's row is
	 * that transaction's until it commits: the job is handed over only after the commit, so that it never looks for
	 * a row it cannot see yet, and never runs at all when the caller rolls back and its row with it.
	 */
	private JobId submit(UUID id, JobWork work, Consumer<JobView> observer) {
		Locale locale = LocaleContextHolder.getLocale();
		mine.add(id);
		if (TransactionSynchronizationManager.isActualTransactionActive()
				&& TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						mine.remove(id);
						return;
					}
					if (!handOver(id, work, observer, locale)) {
						log.warn("Job {} could not start after its transaction committed: the job pool is full", id);
						// the finished transaction's connection is still bound here: record the failure in a new one
						separately.executeWithoutResult(
								done -> rows.failed(id, 0, null, text("job.rejected", locale), clock.instant()));
					}
				}
			});
			return new JobId(id);
		}
		if (!handOver(id, work, observer, locale)) {
			rows.failed(id, 0, null, text("job.rejected", locale), clock.instant());
			throw new JobsBusy();
		}
		return new JobId(id);
	}

	/** @return whether the pool took the job; when full, the job is no longer this node's */
	private boolean handOver(UUID id, JobWork work, Consumer<JobView> observer, Locale locale) {
		try {
			pool.execute(() -> execute(id, work, observer, locale));
			return true;
		}
		catch (RejectedExecutionException ex) {
			mine.remove(id);
			return false;
		}
	}

	private void execute(UUID id, JobWork work, Consumer<JobView> observer, Locale locale) {
		Locale previous = LocaleContextHolder.getLocale();
		LocaleContextHolder.setLocale(locale);
		TrackedProgress progress = null;
		try {
			rows.started(id, clock.instant());
			JobView started = rows.find(id).orElseThrow();
			progress = new TrackedProgress(started, rows, observer);
			Map<String, Object> result = work.run(progress);
			rows.succeeded(id, progress.done(), progress.total(), progress.message(), result, clock.instant());
		}
		catch (Throwable ex) {
			String message;
			if (ex instanceof Problem) {
				message = ex.getMessage();
				log.warn("Job {} refused: {}", id, message);
			}
			else if (pool.isShutdown()) {
				message = text("job.interrupted", locale);
				log.warn("Job {} interrupted by shutdown", id);
			}
			else {
				message = text("job.failed", locale);
				log.error("Job {} failed", id, ex);
			}
			if (progress == null) {
				rows.failed(id, 0, null, message, clock.instant());
			}
			else {
				rows.failed(id, progress.done(), progress.total(), message, clock.instant());
			}
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
		}
		finally {
			mine.remove(id);
			LocaleContextHolder.setLocale(previous);
			rows.find(id).ifPresent(observer);
		}
	}

	private void heartbeat() {
		try {
			rows.heartbeat(Set.copyOf(mine));
		}
		catch (RuntimeException ex) {
			log.warn("Could not mark running jobs alive: {}", ex.getMessage());
		}
	}

	private void sweep() {
		try {
			failInterrupted();
		}
		catch (RuntimeException ex) {
			log.warn("Could not look for interrupted jobs: {}", ex.getMessage());
		}
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, DEFAULTS.getOrDefault(key, key), locale);
	}
}
