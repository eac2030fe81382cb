package io.atrium.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atrium.platform.JobId;
import io.atrium.platform.Jobs;
import io.atrium.shared.CustomerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Long-running scoring work as platform jobs: rescoring every customer scoring knows (batch scoring, and
 * after a configuration change or a model activation, with that as the ledger cause) and training models.
 * Each kind runs one at a time across all nodes.
 */
@Service
class ScoringJobs {

	static final String BATCH = "scoring-batch";

	static final String TRAINING = "scoring-model-training";

	private static final Logger log = LoggerFactory.getLogger(ScoringJobs.class);

	private final Jobs jobs;

	private final ScoringManagement scoring;

	private final ScoringActivities activities;

	private final ModelTraining training;

	ScoringJobs(Jobs jobs, ScoringManagement scoring, ScoringActivities activities, ModelTraining training) {
		this.jobs = jobs;
		this.scoring = scoring;
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
			long failed = 0;
			Map<String, Long> qualified = new LinkedHashMap<>();
			for (CustomerId id : new ArrayList<>(ids)) {
				try {
					ScoringManagement.Scored scored = scoring.rescore(id, cause, causeRef, false);
					qualified.merge(scored.decision().qualification(), 1L, Long::sum);
				}
				catch (RuntimeException ex) {
					failed++;
					log.warn("Could not rescore a customer: {}", ex.getClass().getSimpleName());
				}
				progress.advance(1);
			}
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("customers", ids.size());
			result.put("failed", failed);
			result.put("qualification", qualified);
			return result;
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
