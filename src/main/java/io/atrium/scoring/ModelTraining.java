package io.atrium.scoring;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.platform.JobProgress;
import io.atrium.shared.CustomerId;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Trains a conversion model on the mall's own customers and stores it signed, with its holdout metrics.
 * <p>
 * With a time-based label (a purchase or a touchpoint type within {@code horizon_days}), the split is by time:
 * the model learns from features before {@code cutoff − horizon} and the outcome in the horizon after it, and is
 * measured on features before {@code cutoff = today − horizon + 1} and the outcome in the days since. With a
 * trait label (a known outcome column brought with imported customers) a fifth of the customers, chosen by a
 * hash of their id, is held out. The holdout also measures the rule-only composite (no model) so the two can be
 * compared.
 */
@Service
class ModelTraining {

	static final int MAX_CUSTOMERS = 200_000;

	private static final int CHUNK = 1_000;

	private final ScoringActivities activities;

	private final ScoringConfigs configs;

	private final Models models;

	private final ModelKey key;

	private final CustomerDirectory directory;

	private final TransactionTemplate transactions;

	private final ScoringSettings settings;

	private final Clock clock;

	ModelTraining(ScoringActivities activities, ScoringConfigs configs, Models models, ModelKey key,
			CustomerDirectory directory, TransactionTemplate transactions, ScoringSettings settings, Clock clock) {
		this.activities = activities;
		this.configs = configs;
		this.models = models;
		this.key = key;
		this.directory = directory;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
		java.util.logging.Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
	}

	/**
	 * A training request.
	 *
	 * @param algorithm one of {@link ScoringConfig#ALGORITHMS}, or {@code null} for the configured one
	 * @param activate {@code always}, {@code if_better} (the holdout AUC is at least the active model's) or
	 * {@code never}
	 */
	record Request(String algorithm, String activate) {
	}

	/**
	 * Trains, stores and maybe activates a model.
	 * @return the new model's version, whether it was activated, and its metrics
	 * @throws TrainingImpossible when there are too few customers or a single outcome
	 */
	Map<String, Object> train(Request request, String actor, JobProgress progress) {
		ScoringConfigs.Versioned versioned = configs.current();
		ScoringConfig config = versioned.config();
		ScoringConfig.ModelSpec spec = config.model();
		String algorithm = request.algorithm() != null ? request.algorithm() : spec.algorithm();
		ZoneId zone = clock.getZone();
		LocalDate today = LocalDate.now(clock);
		int horizon = spec.horizonDays();
		boolean byTime = !"trait".equals(spec.label().kind());
		LocalDate holdoutCutoff = today.minusDays(horizon - 1L);
		LocalDate trainCutoff = holdoutCutoff.minusDays(horizon);
		List<String> traits = new ArrayList<>(spec.traits() == null ? List.of() : spec.traits());
		if (!byTime) {
			traits.remove(spec.label().trait());
		}
		List<String> featureTraits = List.copyOf(traits);

		progress.message("Collecting customers");
		Samples train = new Samples();
		Samples holdout = new Samples();
		long known = directory.countIds();
		long rate = known <= MAX_CUSTOMERS ? 1_000_000 : 1_000_000L * MAX_CUSTOMERS / known;
		progress.total(Math.min(known, MAX_CUSTOMERS));
		long seen = 0;
		CustomerId after = null;
		while (true) {
			List<CustomerId> page = directory.idsAfter(after, CHUNK);
			if (page.isEmpty()) {
				break;
			}
			after = page.get(page.size() - 1);
			List<CustomerId> ids = new ArrayList<>();
			for (CustomerId id : page) {
				if (Math.floorMod(id.value().hashCode(), 1_000_000) < rate) {
					ids.add(id);
				}
			}
			List<Activity> pending = new ArrayList<>(activities.ofAll(ids).values());
			collect(ids, pending, config, featureTraits, byTime, today, trainCutoff, holdoutCutoff, train, holdout);
			seen += ids.size();
			progress.done(seen);
		}
		if (train.size() < 20 || train.positives() == 0 || train.positives() == train.size()) {
			throw new TrainingImpossible("Training needs at least 20 customers with both outcomes; found "
					+ train.size() + " with " + train.positives() + " converted");
		}

		progress.message("Training " + algorithm);
		LabelFactory factory = new LabelFactory();
		MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("atrium-customers", factory),
				factory);
		for (int i = 0; i < train.size(); i++) {
			Features features = train.features.get(i);
			dataset.add(new ArrayExample<>(new Label(train.outcomes.get(i) ? TrainedModel.YES : TrainedModel.NO),
					features.names(), ModelValues.squash(features.values())));
		}
		Model<Label> model = trainer(algorithm).train(dataset);
		TrainedModel trained = TrainedModel.of(0, algorithm, featureTraits, model);

		progress.message("Measuring on the holdout");
		Map<String, Object> metrics = new LinkedHashMap<>();
		metrics.put("train_customers", train.size());
		metrics.put("train_converted", train.positives());
		metrics.put("holdout_customers", holdout.size());
		metrics.put("holdout_converted", holdout.positives());
		metrics.put("split", byTime ? "time" : "hash");
		if (holdout.size() > 0) {
			double[] probabilities = new double[holdout.size()];
			double[] rules = new double[holdout.size()];
			boolean[] outcomes = new boolean[holdout.size()];
			for (int i = 0; i < holdout.size(); i++) {
				probabilities[i] = trained.probability(holdout.features.get(i));
				rules[i] = holdout.rules.get(i);
				outcomes[i] = holdout.outcomes.get(i);
			}
			metrics.put("auc", HoldoutMetrics.round(HoldoutMetrics.auc(probabilities, outcomes)));
			metrics.put("rule_only_auc", HoldoutMetrics.round(HoldoutMetrics.auc(rules, outcomes)));
			metrics.put("at_mql_threshold",
					HoldoutMetrics.atThreshold(probabilities, outcomes, config.qualification().mql() / 100));
			metrics.put("brier", HoldoutMetrics.brier(probabilities, outcomes));
			metrics.put("calibration", HoldoutMetrics.calibration(probabilities, outcomes));
		}
		byte[] bytes = model.serialize().toByteArray();
		metrics.put("model_bytes", bytes.length);

		Map<String, Object> features = new LinkedHashMap<>();
		features.put("traits", featureTraits);
		features.put("behavioral", Features.TYPES);
		features.put("label", spec.label());
		features.put("horizon_days", horizon);
		features.put("config_version", versioned.version());
		features.put("feature_count", dataset.getFeatureMap().size());
		Instant cutoff = byTime ? holdoutCutoff.atStartOfDay(zone).toInstant() : null;
		int version = transactions.execute(status -> {
			int stored = models.insert(algorithm, clock.instant(), actor, cutoff, features, metrics, bytes, key.sign(bytes));
			if (shouldActivate(request.activate(), metrics)) {
				models.activate(stored);
			}
			return stored;
		});
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("model_version", version);
		result.put("active", models.activeVersion().map(active -> active == version).orElse(false));
		result.put("algorithm", algorithm);
		result.put("metrics", metrics);
		return result;
	}

	private boolean shouldActivate(String activate, Map<String, Object> metrics) {
		if ("never".equals(activate)) {
			return false;
		}
		if ("always".equals(activate)) {
			return true;
		}
		Object auc = metrics.get("auc");
		return models.active()
			.map(active -> active.metrics().get("auc") instanceof Number current && auc instanceof Number fresh
					&& fresh.doubleValue() >= current.doubleValue())
			.orElse(true);
	}

	private void collect(List<CustomerId> ids, List<Activity> pending, ScoringConfig config, List<String> traits,
			boolean byTime, LocalDate today, LocalDate trainCutoff, LocalDate holdoutCutoff, Samples train,
			Samples holdout) {
		if (ids.isEmpty()) {
			return;
		}
		Map<CustomerId, CustomerSummary> profiles = directory.findAll(ids);
		ScoringConfig.ModelSpec spec = config.model();
		List<ScoreFactor> rules = ScoreFactors.allCurrentFactors(config, null, false);
		for (int i = 0; i < ids.size(); i++) {
			CustomerSummary profile = profiles.get(ids.get(i));
			if (profile == null || "merged".equals(profile.status()) || "erased".equals(profile.status())) {
				continue;
			}
			Activity activity = pending.get(i);
			if (byTime) {
				ScoreFactor.Subject then = ScoringManagement.subject(profile, activity, trainCutoff.minusDays(1));
				Boolean trained = Conversions.converted(spec.label(), then, activity, trainCutoff, spec.horizonDays());
				train.add(Features.of(activity, then, traits, trainCutoff), trained, 0);
				ScoreFactor.Subject later = ScoringManagement.subject(profile, activity.before(holdoutCutoff),
						holdoutCutoff.minusDays(1));
				Boolean outcome = Conversions.converted(spec.label(), later, activity, holdoutCutoff, spec.horizonDays());
				holdout.add(Features.of(activity, later, traits, holdoutCutoff), outcome,
						ScoreFactors.score(config, rules, later).composite());
			}
			else {
				ScoreFactor.Subject now = ScoringManagement.subject(profile, activity, today);
				Boolean outcome = Conversions.converted(spec.label(), now, activity, today, spec.horizonDays());
				Features features = Features.of(activity, now, traits, today.plusDays(1));
				if (Math.floorMod(ids.get(i).value().hashCode(), 5) == 0) {
					holdout.add(features, outcome, ScoreFactors.score(config, rules, now).composite());
				}
				else {
					train.add(features, outcome, 0);
				}
			}
		}
	}

	private Trainer<Label> trainer(String algorithm) {
		switch (algorithm) {
			case "logistic_regression":
				return new LogisticRegressionTrainer();
			case "gradient_boosting":
				return new XGBoostClassificationTrainer(50, 0.3, 0, 4, 1, 1, 1, 1, 0, 1, true, 20261124L);
			default:
				return new RandomForestTrainer<>(new CARTClassificationTrainer(8, 0.5f, 20261124L),
						new FullyWeightedVotingCombiner(), settings.forestTrees());
		}
	}

	/** Examples of one side of the split. */
	private static final class Samples {

		final List<Features> features = new ArrayList<>();

		final List<Boolean> outcomes = new ArrayList<>();

		final List<Double> rules = new ArrayList<>();

		int positives;

		void add(Features example, Boolean outcome, double rule) {
			if (outcome == null) {
				return;
			}
			features.add(example);
			outcomes.add(outcome);
			rules.add(rule);
			positives += outcome ? 1 : 0;
		}

		int size() {
			return features.size();
		}

		int positives() {
			return positives;
		}
	}
}
