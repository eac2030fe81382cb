package io.atrium.bench;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import io.atrium.AtriumApplication;
import io.atrium.demo.MallTouchpoint;
import io.atrium.demo.SyntheticMall;
import io.atrium.platform.JobProgress;
import io.atrium.shared.CustomerId;
import io.atrium.tracking.NewTouchpoint;
import io.atrium.tracking.TouchpointBulkLoad;
import io.atrium.tracking.TouchpointRecorded;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Journey benchmark on the generated mall (an ephemeral embedded PostgreSQL, as in the tests): bulk-loads a
 * synthetic Super Brand Mall, then measures
 * <ol>
 * <li>the rebuild of all journeys from touchpoint history (customers and touchpoints per second),</li>
 * <li>the nightly rescore (customers per second, extrapolated to 1,000,000 customers),</li>
 * <li>churn model training on the freshly rebuilt journeys: AUC of the trained model and of the rule-based model
 * on held-out customers, and</li>
 * <li>the cost of one live touchpoint update (stage, daily activity, counts, health, churn, momentum, alert check;
 * one transaction), median and 95th percentile over {@code updates} calls.</li>
 * </ol>
 * Run (after {@code mvn -q -o test-compile} and {@code mvn -q -o dependency:build-classpath
 * -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt}):
 * {@code java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) io.atrium.bench.JourneyBenchmark 20000 5000}
 * (arguments: members, live updates).
 */
public final class JourneyBenchmark {

	private JourneyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int members = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
		int updates = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtriumApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.config.additional-location=classpath:config/", "atrium.clock.fixed=2026-11-24T10:00:00+08:00",
					"db-scheduler.enabled=false", "atrium.demo.load-on-first-start=false", "logging.level.root=warn")
			.run()) {
			run(context, members, updates);
		}
		System.exit(0);
	}

	static void run(ConfigurableApplicationContext context, int members, int updates) throws Exception {
		Clock clock = context.getBean(Clock.class);
		SyntheticMall mall = SyntheticMall.of(20261124L, members, clock);
		TouchpointBulkLoad load = context.getBean(TouchpointBulkLoad.class);
		TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
		long t0 = System.nanoTime();
		long[] loaded = { 0 };
		Iterator<MallTouchpoint> source = mall.touchpoints();
		Iterator<NewTouchpoint> touchpoints = new Iterator<>() {

			@Override
			public boolean hasNext() {
				return source.hasNext();
			}

			@Override
			public NewTouchpoint next() {
				MallTouchpoint t = source.next();
				return new NewTouchpoint(t.id(), new CustomerId(t.customerId()), t.touchpointType(), t.channel(),
						t.occurredAt(), "demo", null, t.campaignId(), t.storeId(), t.location(), t.amount(),
						t.amount() == null ? null : MallTouchpoint.CURRENCY, t.rating(), t.durationSeconds(), Map.of());
			}
		};
		transactions.executeWithoutResult(s -> load.load(touchpoints, n -> loaded[0] = n));
		System.out.printf("loaded %,d touchpoints of %,d members in %.1f s%n", loaded[0], members, secs(t0));

		Object recompute = context.getBean(Class.forName("io.atrium.journey.JourneyRecompute"));
		Method rebuild = method(recompute, "rebuild", JobProgress.class);
		Method rescore = method(recompute, "rescore", JobProgress.class);
		long t1 = System.nanoTime();
		Object rebuilt = rebuild.invoke(recompute, NO_PROGRESS);
		double rebuildSecs = secs(t1);
		System.out.printf("rebuild: %s in %.1f s = %,.0f customers/s, %,.0f touchpoints/s%n", rebuilt, rebuildSecs,
				members / rebuildSecs, loaded[0] / rebuildSecs);

		long t2 = System.nanoTime();
		Object rescored = rescore.invoke(recompute, NO_PROGRESS);
		double rescoreSecs = secs(t2);
		Method count = rescored.getClass().getDeclaredMethod("customers");
		count.setAccessible(true);
		long customers = (Long) count.invoke(rescored);
		System.out.printf("nightly rescore: %s in %.1f s = %,.0f customers/s (1,000,000 customers: ~%.0f s)%n",
				rescored, rescoreSecs, customers / rescoreSecs, 1_000_000 / (customers / rescoreSecs));

		Object training = context.getBean(Class.forName("io.atrium.journey.ChurnModelTraining"));
		Method train = method(training, "train", JobProgress.class);
		long t3 = System.nanoTime();
		Object result = train.invoke(training, NO_PROGRESS);
		System.out.printf("churn model training in %.1f s: %s%n", secs(t3), result);

		Object patterns = context.getBean(Class.forName("io.atrium.journey.JourneyPatterns"));
		Method of = method(patterns, "of", String.class);
		long t4 = System.nanoTime();
		of.invoke(patterns, "all");
		System.out.printf("journey patterns of all customers: %.2f s%n", secs(t4));
		Object prediction = context.getBean(Class.forName("io.atrium.journey.NextStagePrediction"));
		Class<?> stage = Class.forName("io.atrium.journey.Stage");
		Method predict = org.springframework.aop.support.AopUtils.getTargetClass(prediction)
			.getDeclaredMethod("predict", stage, long.class, boolean.class, int.class);
		predict.setAccessible(true);
		long t5 = System.nanoTime();
		Object predicted = null;
		for (Object s : stage.getEnumConstants()) {
			predicted = predict.invoke(prediction, s, 10L, true, 30);
		}
		System.out.printf("next-stage statistics for all five stages (cold cache): %.2f s; advocacy: %s%n", secs(t5),
				predicted);

		Object updating = context.getBean(Class.forName("io.atrium.journey.JourneyUpdating"));
		Method apply = method(updating, "apply", TouchpointRecorded.class);
		SplittableRandom random = new SplittableRandom(7);
		String[] types = { "store_visit", "website_visit", "app_session", "purchase", "wifi_login", "email_open" };
		List<UUID> ids = new ArrayList<>();
		for (int i = 1; i <= Math.min(members, 50_000); i++) {
			ids.add(mall.customer(i).id());
		}
		Instant now = clock.instant();
		int warmup = Math.min(500, updates / 5);
		long[] nanos = new long[updates];
		for (int i = 0; i < warmup + updates; i++) {
			String type = types[random.nextInt(types.length)];
			TouchpointRecorded event = new TouchpointRecorded(UUID.randomUUID(),
					new CustomerId(ids.get(random.nextInt(ids.size()))), type, "store",
					now.minus(Duration.ofMinutes(random.nextInt(600))),
					"purchase".equals(type) ? new BigDecimal("188.00") : null, null, null);
			long start = System.nanoTime();
			apply.invoke(updating, event);
			if (i >= warmup) {
				nanos[i - warmup] = System.nanoTime() - start;
			}
		}
		Arrays.sort(nanos);
		System.out.printf("live update (one touchpoint, own transaction): median %.2f ms, p95 %.2f ms over %,d calls%n",
				nanos[updates / 2] / 1e6, nanos[(int) (updates * 0.95)] / 1e6, updates);

	}

	private static Method method(Object bean, String name, Class<?> parameter) throws NoSuchMethodException {
		Class<?> type = org.springframework.aop.support.AopUtils.getTargetClass(bean);
		Method method = type.getDeclaredMethod(name, parameter);
		method.setAccessible(true);
		return method;
	}

	private static double secs(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

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
		public void phase(String message, long total) {
		}
	};
}
