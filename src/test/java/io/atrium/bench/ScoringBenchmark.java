package io.atrium.bench;

import io.atrium.AtriumApplication;
import io.atrium.scoring.ScoringBenchmarkRun;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Lead-scoring benchmark on the generated mall (an ephemeral embedded PostgreSQL, as in the tests): loads a
 * synthetic Super Brand Mall and feeds its touchpoint history to scoring, then measures
 * <ol>
 * <li>training of the three algorithms with their holdout AUC against the rule-only score,</li>
 * <li>per-customer model evaluation (features already built): p50, p99 and p99.9 per algorithm,</li>
 * <li>in-process rescoring of 1,000,000 customers (all factors with the random forest and qualification), and</li>
 * <li>database batch rescoring through {@code BatchRescoring} (ledger rows, score rows, qualifications),
 * extrapolated to 1,000,000 customers.</li>
 * </ol>
 * Run (after {@code mvn -q -o test-compile} and {@code mvn -q -o dependency:build-classpath
 * -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt}):
 * {@code java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) io.atrium.bench.ScoringBenchmark 20000 200000}
 * (arguments: members, model evaluations per algorithm).
 */
public final class ScoringBenchmark {

	private ScoringBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int members = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
		int evaluations = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtriumApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.config.additional-location=classpath:config/", "db-scheduler.enabled=false",
					"atrium.demo.load-on-first-start=false", "logging.level.root=warn", "atrium.database.max-pool-size=4")
			.run()) {
			ScoringBenchmarkRun.run(context, members, evaluations);
		}
		System.exit(0);
	}
}
