package io.atrium.journey;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

import io.atrium.platform.JobProgress;
import io.atrium.shared.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Trains the churn model with Tribuo from the journey's own daily aggregates and compares it with the rule-based
 * model on held-out customers.
 * <ul>
 * <li>Label: the customer lapses, i.e. has no mall visit and no purchase in the {@value #LABEL_DAYS} days after a
 * cutoff (only customers active in the 365 days before the cutoff count).</li>
 * <li>Time-based split: training examples use features as of {@code today − 120 days} (labels from the following 60
 * days); test examples use features as of {@code today − 60 days} (labels up to today), and come only from
 * held-out customers (one in five, by id hash) never used in training.</li>
 * <li>Candidates: logistic regression (SGD) and a CART tree (depth 6); the one with the better AUC on a
 * validation fold of the training customers is kept, then measured on the test set beside the rule-based model.
 * It is activated (scores every customer from then on) only when its test AUC beats the rule-based model's.</li>
 * </ul>
 */
@Service
class ChurnModelTraining {

	static final String KIND = "journey-churn-training";

	static final int LABEL_DAYS = 60;

	static final int MIN_EXAMPLES = 200;

	private static final Logger log = LoggerFactory.getLogger(ChurnModelTraining.class);

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	private final JourneyConfigs configs;

	private final ChurnModels models;

	private final JsonMapper json;

	private final TransactionTemplate readOnly;

	private final Clock clock;

	ChurnModelTraining(JdbcTemplate jdbcTemplate, JdbcClient jdbc, JourneyConfigs configs, ChurnModels models,
			JsonMapper json, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
		this.configs = configs;
		this.models = models;
		this.json = json;
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.clock = clock;
	}

	/** One labelled example. */
	record Example(UUID customer, ActivityFeatures features, boolean lapsed) {
	}

	/** Examples drawn from history. */
	record Examples(List<Example> train, List<Example> test) {
	}

	/** A stored model as listed by {@code GET /api/journey/models}. */
	record ModelView(UUID id, String name, int version, Instant trainedAt, int trainRows, int testRows, double auc,
			double ruleAuc, boolean active, Map<String, Object> details) {
	}

	/**
	 * Trains, evaluates, stores and (when it beats the rule-based model) activates a model.
	 * @return figures for the job result
	 */
	Map<String, Object> train(JobProgress progress) throws IOException {
		ZoneId zone = clock.getZone();
		LocalDate today = clock.instant().atZone(zone).toLocalDate();
		progress.message("Reading journey aggregates");
		Examples examples = examples(today, progress);
		List<Example> fit = new ArrayList<>();
		List<Example> validation = new ArrayList<>();
		for (Example e : examples.train()) {
			(Math.floorMod(e.customer().hashCode() * 31 + 7, 5) == 0 ? validation : fit).add(e);
		}
		if (fit.size() < MIN_EXAMPLES || examples.test().size() < MIN_EXAMPLES / 4 || !bothClasses(fit)
				|| !bothClasses(examples.test())) {
			throw new NotEnoughHistory(fit.size(), examples.test().size());
		}
		progress.message("Training");
		Map<String, Trainer<Label>> candidates = new LinkedHashMap<>();
		candidates.put("tribuo-logistic-sgd", new LogisticRegressionTrainer());
		candidates.put("tribuo-cart-tree", new CARTClassificationTrainer(6));
		String bestName = null;
		Model<Label> best = null;
		double bestValidation = -1;
		Map<String, Object> validationAucs = new LinkedHashMap<>();
		for (Map.Entry<String, Trainer<Label>> candidate : candidates.entrySet()) {
			Model<Label> model = candidate.getValue().train(dataset(fit));
			double auc = auc(validation, e -> TrainedChurnModel.probability(model, TrainedChurnModel.scaled(e.features())));
			validationAucs.put(candidate.getKey(), round(auc));
			if (auc > bestValidation) {
				bestValidation = auc;
				best = model;
				bestName = candidate.getKey();
			}
		}
		Model<Label> chosen = best;
		double testAuc = auc(examples.test(),
				e -> TrainedChurnModel.probability(chosen, TrainedChurnModel.scaled(e.features())));
		RuleBasedChurnModel rules = new RuleBasedChurnModel(configs.current().momentum().changeThreshold());
		double ruleAuc = auc(examples.test(), e -> rules.estimate(e.features()).probability());
		boolean activate = testAuc > ruleAuc;
		int version = jdbc.sql("select coalesce(max(version), 0) + 1 from churn_model where name = :n")
			.param("n", bestName)
			.query(Integer.class)
			.single();
		String id = bestName + "/" + version;
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("label", "no mall visit or purchase in the " + LABEL_DAYS + " days after the cutoff");
		details.put("train_cutoff", today.minusDays(2L * LABEL_DAYS).toString());
		details.put("test_cutoff", today.minusDays(LABEL_DAYS).toString());
		details.put("validation_auc", validationAucs);
		details.put("train_lapse_rate", round(rate(examples.train())));
		details.put("test_lapse_rate", round(rate(examples.test())));
		details.put("features", List.of(TrainedChurnModel.NAMES));
		Instant now = clock.instant();
		UUID modelId = UUID.randomUUID();
		byte[] bytes = bytes(chosen);
		String detailsJson = json.writeValueAsString(details);
		String name = bestName;
		readWrite(() -> {
			if (activate) {
				jdbc.sql("update churn_model set active = false where active").update();
			}
			jdbc.sql("""
					insert into churn_model (id, name, version, trained_at, train_rows, test_rows, auc, rule_auc, active,
					    details, model) values (:id, :name, :version, :at, :train, :test, :auc, :ruleAuc, :active,
					    :details::jsonb, :model)
					""")
				.param("id", modelId)
				.param("name", name)
				.param("version", version)
				.param("at", Journeys.offset(now))
				.param("train", examples.train().size())
				.param("test", examples.test().size())
				.param("auc", testAuc)
				.param("ruleAuc", ruleAuc)
				.param("active", activate)
				.param("details", detailsJson)
				.param("model", bytes)
				.update();
		});
		if (activate) {
			models.activate(new TrainedChurnModel(id, chosen));
		}
		log.info("Trained churn model {}: AUC {} vs rule-based {} on {} held-out customers; active: {}", id,
				round(testAuc), round(ruleAuc), examples.test().size(), activate);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("model_id", modelId.toString());
		result.put("model", id);
		result.put("auc", round(testAuc));
		result.put("rule_based_model", RuleBasedChurnModel.ID);
		result.put("rule_based_auc", round(ruleAuc));
		result.put("train_rows", examples.train().size());
		result.put("test_rows", examples.test().size());
		result.put("active", activate);
		result.putAll(details);
		return result;
	}

	/**
	 * Draws examples from every customer's daily activity: training examples as of {@code today − 120} from
	 * customers outside the held-out fifth, test examples as of {@code today − 60} from the held-out fifth.
	 */
	Examples examples(LocalDate today, JobProgress progress) {
		LocalDate trainCutoff = today.minusDays(2L * LABEL_DAYS);
		LocalDate testCutoff = today.minusDays(LABEL_DAYS);
		List<Example> train = new ArrayList<>();
		List<Example> test = new ArrayList<>();
		readOnly.executeWithoutResult(status -> {
			UUID[] current = { null };
			NavigableMap<LocalDate, DayActivity> days = new TreeMap<>();
			Runnable close = () -> {
				if (current[0] == null) {
					return;
				}
				if (heldOut(current[0])) {
					example(current[0], days, testCutoff).ifPresent(test::add);
				}
				else {
					example(current[0], days, trainCutoff).ifPresent(train::add);
				}
				days.clear();
				progress.advance(1);
			};
			jdbcTemplate.query(connection -> {
				var statement = connection.prepareStatement("""
						select customer_id, day, touchpoints, visits, engagements, purchases, amount
						from journey_daily_activity order by customer_id, day
						""");
				statement.setFetchSize(10_000);
				return statement;
			}, (RowCallbackHandler) rs -> {
				UUID customer = rs.getObject("customer_id", UUID.class);
				if (!customer.equals(current[0])) {
					close.run();
					current[0] = customer;
				}
				days.put(rs.getObject("day", LocalDate.class), Journeys.activity(rs));
			});
			close.run();
		});
		return new Examples(train, test);
	}

	static boolean heldOut(UUID customer) {
		return Math.floorMod(customer.hashCode(), 5) == 0;
	}

	/**
	 * @return the example as of {@code cutoff}, or empty when the customer had no touchpoint in the 365 days before
	 */
	static java.util.Optional<Example> example(UUID customer, NavigableMap<LocalDate, DayActivity> days,
			LocalDate cutoff) {
		ActivityFeatures features = ActivityFeatures.of(days, cutoff);
		if (features.daysSinceLastActive() >= ActivityFeatures.HORIZON) {
			return java.util.Optional.empty();
		}
		boolean active = days.subMap(cutoff, false, cutoff.plusDays(LABEL_DAYS), true)
			.values()
			.stream()
			.anyMatch(DayActivity::visitedOrBought);
		return java.util.Optional.of(new Example(customer, features, !active));
	}

	/** @return the area under the ROC curve (Mann–Whitney U, ties counted half) */
	static double auc(List<Example> examples, java.util.function.ToDoubleFunction<Example> score) {
		List<double[]> scored = new ArrayList<>(examples.size());
		for (Example e : examples) {
			scored.add(new double[] { score.applyAsDouble(e), e.lapsed() ? 1 : 0 });
		}
		scored.sort(Comparator.comparingDouble(a -> a[0]));
		double positives = 0;
		double rankSum = 0;
		int i = 0;
		while (i < scored.size()) {
			int j = i;
			while (j < scored.size() && scored.get(j)[0] == scored.get(i)[0]) {
				j++;
			}
			double rank = (i + 1 + j) / 2.0;
			for (int k = i; k < j; k++) {
				if (scored.get(k)[1] == 1) {
					positives++;
					rankSum += rank;
				}
			}
			i = j;
		}
		double negatives = scored.size() - positives;
		if (positives == 0 || negatives == 0) {
			return 0.5;
		}
		return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
	}

	List<ModelView> models() {
		return jdbc.sql("""
				select id, name, version, trained_at, train_rows, test_rows, auc, rule_auc, active, details::text
				from churn_model order by trained_at desc limit 20
				""")
			.query((rs, n) -> new ModelView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getInt("version"),
					Journeys.instant(rs, "trained_at"), rs.getInt("train_rows"), rs.getInt("test_rows"),
					round(rs.getDouble("auc")), round(rs.getDouble("rule_auc")), rs.getBoolean("active"),
					details(rs.getString("details"))))
			.list();
	}

	/** Activates the stored active model, if any, when the application starts. */
	@EventListener(ApplicationReadyEvent.class)
	void loadActive() {
		try {
			jdbc.sql("select name, version, model from churn_model where active order by trained_at desc limit 1")
				.query(rs -> {
					Model<Label> model = model(rs.getBytes("model"));
					models.activate(new TrainedChurnModel(rs.getString("name") + "/" + rs.getInt("version"), model));
				});
		}
		catch (RuntimeException ex) {
			log.warn("Could not load the active churn model; the rule-based model scores: {}", ex.getMessage());
		}
	}

	@SuppressWarnings("unchecked")
	private static Model<Label> model(byte[] bytes) {
		try {
			return (Model<Label>) Model.deserializeFromStream(new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			throw new IllegalStateException("stored churn model unreadable", ex);
		}
	}

	private static byte[] bytes(Model<Label> model) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		model.serializeToStream(out);
		return out.toByteArray();
	}

	private MutableDataset<Label> dataset(List<Example> examples) {
		LabelFactory factory = new LabelFactory();
		MutableDataset<Label> dataset = new MutableDataset<>(
				new SimpleDataSourceProvenance("journey daily activity", OffsetDateTime.now(clock), factory), factory);
		for (Example e : examples) {
			dataset.add(new ArrayExample<>(new Label(e.lapsed() ? TrainedChurnModel.LAPSED : TrainedChurnModel.ACTIVE),
					TrainedChurnModel.NAMES, TrainedChurnModel.scaled(e.features())));
		}
		return dataset;
	}

	private void readWrite(Runnable work) {
		new TransactionTemplate(readOnly.getTransactionManager()).executeWithoutResult(status -> work.run());
	}

	private Map<String, Object> details(String text) {
		@SuppressWarnings("unchecked")
		Map<String, Object> map = json.readValue(text, Map.class);
		return map;
	}

	private static boolean bothClasses(List<Example> examples) {
		boolean lapsed = false;
		boolean active = false;
		for (Example e : examples) {
			lapsed |= e.lapsed();
			active |= !e.lapsed();
		}
		return lapsed && active;
	}

	private static double rate(List<Example> examples) {
		return examples.isEmpty() ? 0 : examples.stream().filter(Example::lapsed).count() / (double) examples.size();
	}

	private static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

	/** Too little history to train and evaluate a model. */
	static class NotEnoughHistory extends Problem {

		NotEnoughHistory(int train, int test) {
			super(422, "not-enough-history", "Not enough journey history to train a churn model: " + train
					+ " training and " + test + " test examples with both outcomes are needed (at least "
					+ MIN_EXAMPLES + " training examples)");
		}
	}
}
