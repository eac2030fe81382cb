package io.atrium.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atrium.platform.JobId;
import io.atrium.platform.Jobs;
import io.atrium.shared.CustomerId;

import org.springframework.stereotype.Service;

/**
 * Long-running scoring work as platform jobs (rescoring in chunks on {@code atrium.scoring.batch-workers}
 * threads, chunks locking disjoint rows): rescoring every customer scoring knows (batch scoring, and
 * after a configuration change or a model activation, with that as the ledger cause) and training models.
 * Each kind runs one at a time across all nodes.
 */
@Service
class ScoringJobs {

	static final String BATCH = "scoring-batch";

	static final String TRAINING = "scoring-model-training";

	private final Jobs jobs;

	private final ScoringActivities activities;

	private final ModelTraining training;

	private final BatchRescoring batch;

	private final ScoringSettings settings;

	ScoringJobs(Jobs jobs, ScoringActivities activities, ModelTraining training, BatchRescoring batch,
			ScoringSettings settings) {
		this.jobs = jobs;
		this.batch = batch;
		this.settings = settings;
		this.activities = activities;
		this.training = training;
	}

	/**
	 * Rescores every customer scoring knows and the ones named.
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
			progress.message("Listing customers");
			Set<CustomerId> ids = new LinkedHashSet<>(activities.known());
			ids.addAll(extra);
			progress.total(ids.size());
			progress.message("Rescoring");
			Map<String, Long> qualified = new ConcurrentHashMap<>();
			List<CustomerId> all = new ArrayList<>(ids);
			List<List<CustomerId>> chunks = new ArrayList<>();
			for (int from = 0; from < all.size(); from += BatchRescoring.CHUNK) {
				chunks.add(all.subList(from, Math.min(all.size(), from + BatchRescoring.CHUNK)));
			}
			ExecutorService workers = Executors
				.newFixedThreadPool(Math.max(1, Math.min(settings.batchWorkers(), chunks.size())));
			try {
				List<Future<?>> running = new ArrayList<>();
				for (List<CustomerId> chunk : chunks) {
					running.add(workers.submit(() -> {
						batch.rescore(chunk, cause, causeRef).forEach((name, count) -> qualified.merge(name, count, Long::sum));
						progress.advance(chunk.size());
					}));
				}
				for (Future<?> done : running) {
					done.get();
				}
			}
			finally {
				workers.shutdownNow();
			}
			return BatchRescoring.summary(all.size(), qualified);
		}, view -> {
		});
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
