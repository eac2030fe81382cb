package io.atrium.scoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import io.atrium.customer.CustomerDirectory;
import io.atrium.platform.JobId;
import io.atrium.platform.Jobs;
import io.atrium.shared.CustomerId;

import org.springframework.stereotype.Service;

/**
 * Long-running scoring work as platform jobs (rescoring in chunks on {@code atrium.scoring.batch-workers}
 * threads, chunks locking disjoint rows): rescoring every customer (batch scoring, and
 * after a configuration change or a model activation, with that as the ledger cause) and training models.
 * Each kind runs one at a time across all nodes.
 */
@Service
class ScoringJobs {

	static final String BATCH = "scoring-batch";

	static final String TRAINING = "scoring-model-training";

	static final String REBUILD = "scoring-rebuild";

	private final Jobs jobs;

	private final CustomerDirectory directory;

	private final ModelTraining training;

	private final BatchRescoring batch;

	private final ScoringSettings settings;

	private final ActivityRebuilding rebuilding;

	ScoringJobs(Jobs jobs, CustomerDirectory directory, ModelTraining training, BatchRescoring batch,
			ScoringSettings settings, ActivityRebuilding rebuilding) {
		this.rebuilding = rebuilding;
		this.jobs = jobs;
		this.batch = batch;
		this.settings = settings;
		this.directory = directory;
		this.training = training;
	}

	/**
	 * Rescores every customer (active or anonymous profiles, listed page by page through
	 * {@link CustomerDirectory#idsAfter}) and the ones named, at most {@code 2 × batch-workers} chunks in memory.
	 * @param extra customers to score as well (e.g. imported ones without touchpoints yet)
	 * @param cause ledger cause: {@code rescore}, {@code config} or {@code model}
	 * @param causeRef the config or model version, or {@code null}
	 */
	JobId rescoreAll(List<CustomerId> extra, String cause, String causeRef, String actor) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("cause", cause);
		if (causeRef != null) {
			parameters.put("cause_ref", causeRef);
		}
		parameters.put("extra_customers", extra.size());
		return jobs.startAlone(BATCH, parameters, actor, progress -> {
			progress.total(directory.countIds() + extra.size());
			progress.message("Rescoring");
			return rescoreEveryone(progress, extra, cause, causeRef);
		}, view -> {
		});
	}

	/**
	 * Rebuilds scoring's activity from the stored touchpoint history, then rescores every customer (ledger cause
	 * {@code rescore}, reference {@code rebuild}); needed after bulk loads, which publish no
	 * {@code TouchpointsRecorded}.
	 */
	JobId rebuild(String actor) {
		return jobs.startAlone(REBUILD, Map.of("cause", "rescore", "cause_ref", "rebuild"), actor, progress -> {
			progress.message("Rebuilding activity from touchpoint history");
			long touchpoints = rebuilding.rebuildActivity();
			progress.total(directory.countIds());
			progress.message("Rescoring");
			Map<String, Object> result = new LinkedHashMap<>(rescoreEveryone(progress, List.of(), "rescore", "rebuild"));
			result.put("touchpoints", touchpoints);
			return result;
		}, view -> {
		});
	}

	private Map<String, Object> rescoreEveryone(io.atrium.platform.JobProgress progress, List<CustomerId> extra,
			String cause, String causeRef) throws Exception {
		Map<String, Long> qualified = new ConcurrentHashMap<>();
		int threads = Math.max(1, settings.batchWorkers());
		ExecutorService workers = Executors.newFixedThreadPool(threads);
		Semaphore inFlight = new Semaphore(threads * 2);
		List<Future<?>> running = new ArrayList<>();
		long[] customers = { 0 };
		java.util.function.Consumer<List<CustomerId>> submit = chunk -> {
			inFlight.acquireUninterruptibly();
			customers[0] += chunk.size();
			running.add(workers.submit(() -> {
				try {
					batch.rescore(chunk, cause, causeRef).forEach((name, count) -> qualified.merge(name, count, Long::sum));
					progress.advance(chunk.size());
				}
				finally {
					inFlight.release();
				}
			}));
		};
		try {
			Set<CustomerId> listed = new HashSet<>();
			CustomerId after = null;
			while (true) {
				List<CustomerId> page = directory.idsAfter(after, BatchRescoring.CHUNK);
				if (page.isEmpty()) {
					break;
				}
				after = page.get(page.size() - 1);
				if (!extra.isEmpty()) {
					listed.addAll(page);
				}
				submit.accept(page);
			}
			List<CustomerId> rest = new ArrayList<>(new LinkedHashSet<>(extra));
			rest.removeAll(listed);
			for (int from = 0; from < rest.size(); from += BatchRescoring.CHUNK) {
				submit.accept(List.copyOf(rest.subList(from, Math.min(rest.size(), from + BatchRescoring.CHUNK))));
			}
			for (Future<?> done : running) {
				done.get();
			}
		}
		finally {
			workers.shutdownNow();
		}
		return BatchRescoring.summary(customers[0], qualified);
	}

	JobId train(ModelTraining.Request request, String actor) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("algorithm", request.algorithm());
		parameters.put("activate", request.activate());
		return jobs.startAlone(TRAINING, parameters, actor, progress -> training.train(request, actor, progress),
				view -> {
				});
	}
}
