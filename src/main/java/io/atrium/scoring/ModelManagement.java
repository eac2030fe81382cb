package io.atrium.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.atrium.platform.JobId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trained conversion models for modules that show them to people: the same list as
 * {@code GET /api/scoring/models}, training ({@code POST /api/scoring/models/train}) and activation
 * ({@code POST /api/scoring/models/{version}/activate}). Callers enforce who may train or activate.
 */
@Service
public class ModelManagement {

	private final Models models;

	private final ActiveModel activeModel;

	private final ScoringJobs jobs;

	ModelManagement(Models models, ActiveModel activeModel, ScoringJobs jobs) {
		this.models = models;
		this.activeModel = activeModel;
		this.jobs = jobs;
	}

	/**
	 * A trained model as people see it.
	 *
	 * @param version increasing from 1
	 * @param algorithm {@code random_forest}, {@code logistic_regression} or {@code gradient_boosting}
	 * @param active whether it gives the predictive scores now
	 * @param trainedAt when training finished
	 * @param trainedBy who started it ({@code system} for the schedule)
	 * @param trainCustomers customers it was trained on, or {@code null}
	 * @param trainConverted of those, the ones that converted, or {@code null}
	 * @param holdoutCustomers customers it was measured on, or {@code null}
	 * @param holdoutConverted of those, the ones that converted, or {@code null}
	 * @param auc holdout AUC, or {@code null} when there was no holdout
	 * @param ruleOnlyAuc the holdout AUC of the rule-based scores alone, or {@code null}
	 * @param mqlThreshold the probability threshold matching the MQL score, or {@code null}
	 * @param precision holdout precision at that threshold, or {@code null}
	 * @param recall holdout recall at that threshold, or {@code null}
	 */
	public record ModelSummary(int version, String algorithm, boolean active, Instant trainedAt, String trainedBy,
			Number trainCustomers, Number trainConverted, Number holdoutCustomers, Number holdoutConverted, Number auc,
			Number ruleOnlyAuc, Number mqlThreshold, Number precision, Number recall) {

		static ModelSummary of(Models.ModelRow row) {
			Map<String, Object> m = row.metrics();
			Map<?, ?> at = m.get("at_mql_threshold") instanceof Map<?, ?> map ? map : Map.of();
			return new ModelSummary(row.version(), row.algorithm(), row.active(), row.trainedAt(), row.trainedBy(),
					number(m.get("train_customers")), number(m.get("train_converted")),
					number(m.get("holdout_customers")), number(m.get("holdout_converted")), number(m.get("auc")),
					number(m.get("rule_only_auc")), number(at.get("threshold")), number(at.get("precision")),
					number(at.get("recall")));
		}

		private static Number number(Object value) {
			return value instanceof Number n ? n : null;
		}
	}

	/**
	 * @param limit at most this many, 1 or more
	 * @return the newest models first; never {@code null}
	 */
	@Transactional(readOnly = true)
	public List<ModelSummary> newestFirst(int limit) {
		return models.newestFirst(null, Math.max(1, limit)).stream().map(ModelSummary::of).toList();
	}

	/**
	 * Starts a training job with the configured algorithm, activating the new model if it beats the active one.
	 *
	 * @param actor who asked
	 * @return the job, visible through the platform's job API
	 * @throws io.atrium.platform.JobAlreadyRunning when a training job is queued or running
	 */
	public JobId train(String actor) {
		return jobs.train(new ModelTraining.Request(null, "if_better"), actor);
	}

	/**
	 * Makes a stored model the one giving predictive scores and starts rescoring every customer with it.
	 *
	 * @param version the model's version
	 * @param actor who asked
	 * @return the rescoring job
	 * @throws io.atrium.shared.NotFound when no model has this version
	 */
	public JobId activate(int version, String actor) {
		models.find(version).orElseThrow(() -> new ModelNotFound(version));
		activeModel.load(version);
		models.activate(version);
		return jobs.rescoreAll(List.of(), "model", "v" + version, actor);
	}
}
