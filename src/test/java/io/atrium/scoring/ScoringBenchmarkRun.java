package io.atrium.scoring;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atrium.customer.CustomerBulkLoad;
import io.atrium.customer.CustomerBulkLoad.NewCustomer;
import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.demo.MallCustomer;
import io.atrium.demo.MallTouchpoint;
import io.atrium.demo.SyntheticMall;
import io.atrium.platform.JobProgress;
import io.atrium.shared.CustomerId;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scoring benchmark's body (in the scoring package to reach its package-private parts); started by
 * {@code io.atrium.bench.ScoringBenchmark}.
 */
public final class ScoringBenchmarkRun {

	private static final JobProgress NO_PROGRESS = new JobProgress() {

		@Override
		public void total(long total) {
		}

		@Override
		public void advance(long units) {
		}

		@Override
		public void done(long done) {
		}

		@Override
		public void message(String message) {
		}

		@Override
		public void phase(String name, long total) {
		}
	};

	private ScoringBenchmarkRun() {
	}

	public static void run(ConfigurableApplicationContext context, int members, int calls) throws Exception {
		Clock clock = context.getBean(Clock.class);
		SyntheticMall mall = SyntheticMall.of(20261124L, members, clock);
		long t0 = System.nanoTime();
		Iterator<MallCustomer> source = mall.customers();
		context.getBean(CustomerBulkLoad.class).load(new Iterator<>() {

			@Override
			public boolean hasNext() {
				return source.hasNext();
			}

			@Override
			public NewCustomer next() {
				MallCustomer m = source.next();
				Map<String, Object> traits = new HashMap<>(m.traits());
				traits.remove("persona");
				return new NewCustomer(new CustomerId(m.id()), m.externalId(), m.firstName(), m.lastName(), null, null,
						null, m.gender(), m.birthDate(), m.city(), m.memberTier(), m.memberSince(), m.locale(), traits,
						m.createdAt(), null);
			}
		}, n -> {
		});
		Iterator<MallTouchpoint> touchpoints = mall.touchpoints();
		long fed = context.getBean(ScoringHistory.class).record(new Iterator<>() {

			@Override
			public boolean hasNext() {
				return touchpoints.hasNext();
			}

			@Override
			public ScoringHistory.PastTouchpoint next() {
				MallTouchpoint t = touchpoints.next();
				return new ScoringHistory.PastTouchpoint(new CustomerId(t.customerId()), t.touchpointType(), t.occurredAt(),
						t.amount());
			}
		});
		System.out.printf("loaded %,d members and fed %,d touchpoints to scoring in %.1f s%n", members, fed, secs(t0));

		ModelTraining training = context.getBean(ModelTraining.class);
		Map<String, Integer> versions = new HashMap<>();
		for (String algorithm : ScoringConfig.ALGORITHMS) {
			long t = System.nanoTime();
			Map<String, Object> result = training.train(
					new ModelTraining.Request(algorithm, "random_forest".equals(algorithm) ? "always" : "never"), "bench",
					NO_PROGRESS);
			versions.put(algorithm, (Integer) result.get("model_version"));
			@SuppressWarnings("unchecked")
			Map<String, Object> metrics = (Map<String, Object>) result.get("metrics");
			System.out.printf("train %-19s %.1f s  holdout AUC %s  rule-only AUC %s  at MQL %s  bytes %s  (train %s/%s converted, holdout %s/%s)%n",
					algorithm, secs(t), metrics.get("auc"), metrics.get("rule_only_auc"), metrics.get("at_mql_threshold"),
					metrics.get("model_bytes"), metrics.get("train_converted"), metrics.get("train_customers"),
					metrics.get("holdout_converted"), metrics.get("holdout_customers"));
		}

		ScoringActivities activities = context.getBean(ScoringActivities.class);
		CustomerDirectory directory = context.getBean(CustomerDirectory.class);
		List<CustomerId> ids = new ArrayList<>();
		List<ScoreFactor.Subject> subjects = new ArrayList<>();
		LocalDate today = LocalDate.now(clock);
		org.springframework.transaction.support.TransactionTemplate tx = context
			.getBean(org.springframework.transaction.support.TransactionTemplate.class);
		Map<UUID, Activity> byId = new HashMap<>();
		tx.executeWithoutResult(s -> activities.forEachCustomer((id, activity) -> byId.put(id.value(), activity)));
		List<UUID> keys = new ArrayList<>(byId.keySet());
		for (int from = 0; from < keys.size(); from += 1000) {
			List<CustomerId> chunk = keys.subList(from, Math.min(keys.size(), from + 1000)).stream().map(CustomerId::new).toList();
			Map<CustomerId, CustomerSummary> profiles = directory.findAll(chunk);
			for (CustomerId id : chunk) {
				ids.add(id);
				subjects.add(ScoringManagement.subject(profiles.get(id), byId.get(id.value()), today));
			}
		}

		ActiveModel active = context.getBean(ActiveModel.class);
		for (String algorithm : ScoringConfig.ALGORITHMS) {
			TrainedModel model = active.load(versions.get(algorithm));
			int evaluations = "gradient_boosting".equals(algorithm) ? Math.min(calls, 2_000) : calls;
			List<Features> features = new ArrayList<>();
			for (ScoreFactor.Subject subject : subjects) {
				features.add(model.features(subject.activity(), subject, today));
			}
			for (int i = 0; i < Math.min(100_000, evaluations); i++) {
				model.probability(features.get(i % features.size()));
			}
			long[] nanos = new long[evaluations];
			double sink = 0;
			for (int i = 0; i < evaluations; i++) {
				Features f = features.get(i % features.size());
				long start = System.nanoTime();
				sink += model.probability(f);
				nanos[i] = System.nanoTime() - start;
			}
			Arrays.sort(nanos);
			System.out.printf("model evaluation %-19s %s p50 %.1f µs  p99 %.1f µs  p99.9 %.1f µs  (%,d calls, sink %.1f)%n",
					algorithm, model.forest() != null ? "(flattened)" : "(Tribuo)    ", nanos[evaluations / 2] / 1e3, nanos[(int) (evaluations * 0.99)] / 1e3,
					nanos[(int) (evaluations * 0.999)] / 1e3, evaluations, sink);
		}

		ScoringConfig config = context.getBean(ScoringConfigs.class).current().config();
		TrainedModel forest = active.load(versions.get("random_forest"));
		for (int threads : new int[] { 1, 2 }) {
			int total = 1_000_000;
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			long t = System.nanoTime();
			List<Future<Double>> parts = new ArrayList<>();
			for (int p = 0; p < threads; p++) {
				int part = p;
				parts.add(pool.submit(() -> {
					List<ScoreFactor> factors = ScoreFactors.allCurrentFactors(config, forest, false);
					List<QualificationRule> rules = QualificationRule.allCurrentRules(config.qualification());
					double sum = 0;
					for (int i = part; i < total; i += threads) {
						ScoreFactors.Scores scores = ScoreFactors.score(config, factors, subjects.get(i % subjects.size()));
						sum += scores.composite() + QualificationRule.decide(rules, scores).rule().length();
					}
					return sum;
				}));
			}
			for (Future<Double> part : parts) {
				part.get();
			}
			pool.shutdown();
			double s = secs(t);
			System.out.printf("in-process rescoring of 1,000,000 customers (all four factors, random forest, qualification), %d thread(s): %.1f s = %,.0f customers/s%n",
					threads, s, total / s);
		}

		BatchRescoring batch = context.getBean(BatchRescoring.class);
		long t = System.nanoTime();
		for (int from = 0; from < ids.size(); from += BatchRescoring.CHUNK) {
			batch.rescore(ids.subList(from, Math.min(ids.size(), from + BatchRescoring.CHUNK)), "rescore", "bench");
		}
		double s = secs(t);
		System.out.printf("database batch rescoring (ledger + scores + qualification, one thread): %,d customers in %.1f s = %,.0f customers/s (1,000,000: ~%.0f s)%n",
				ids.size(), s, ids.size() / s, 1_000_000 / (ids.size() / s));
		t = System.nanoTime();
		for (int from = 0; from < ids.size(); from += BatchRescoring.CHUNK) {
			batch.rescore(ids.subList(from, Math.min(ids.size(), from + BatchRescoring.CHUNK)), "rescore", "bench");
		}
		s = secs(t);
		System.out.printf("database batch rescoring again (scores unchanged, no ledger rows): %,d customers in %.1f s = %,.0f customers/s%n",
				ids.size(), s, ids.size() / s);
		ExecutorService workers = Executors.newFixedThreadPool(2);
		t = System.nanoTime();
		List<Future<?>> chunks = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += BatchRescoring.CHUNK) {
			List<CustomerId> chunk = ids.subList(from, Math.min(ids.size(), from + BatchRescoring.CHUNK));
			chunks.add(workers.submit(() -> batch.rescore(chunk, "rescore", "bench")));
		}
		for (Future<?> chunk : chunks) {
			chunk.get();
		}
		workers.shutdown();
		s = secs(t);
		System.out.printf("database batch rescoring, 2 chunk workers (scores unchanged): %,d customers in %.1f s = %,.0f customers/s%n",
				ids.size(), s, ids.size() / s);
	}

	private static double secs(long start) {
		return (System.nanoTime() - start) / 1e9;
	}
}
