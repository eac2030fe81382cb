package io.atrium.journey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Predicts a customer's next stage within a horizon from the mall's own stage history: a semi-Markov model whose
 * transition probabilities are learned from every stored stay ("spell") in the customer's current stage,
 * conditioned on how long the customer has already been in it (only spells that lasted at least as long count)
 * and on whether the customer was active (any touchpoint) in the 30 days before that point, like the customer
 * now. When fewer than {@value #MIN_SAMPLE} spells match, the activity condition is dropped, then the dwell time.
 * Outcomes are every other stage and "stay"; counts get add-one smoothing so probabilities exist even for outcomes
 * never seen, and they sum to 1. Spells not yet observed for the whole horizon are left out (censored). The basis
 * says which conditions applied. Statistics are cached for ten minutes.
 */
@Component
class NextStagePrediction {

	static final String MODEL = "semi-markov-dwell-time/1";

	static final int MIN_SAMPLE = 30;

	static final String STAY = "stay";

	private static final int[] DWELL_BUCKETS = { 0, 7, 30, 90, 180, 365 };

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Cache<String, Map<String, Observed>> statistics = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofMinutes(10))
		.maximumSize(1000)
		.build();

	NextStagePrediction(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** How often an outcome was observed and the mean days until it happened. */
	record Observed(long count, Double meanDays) {
	}

	/**
	 * @param stage the next stage, or {@code stay}
	 * @param probability 0–1; all outcomes sum to exactly 1
	 * @param expectedDays mean days from now until the transition among the spells that made it, or {@code null}
	 * @param observed spells with this outcome
	 */
	record Outcome(String stage, double probability, Double expectedDays, long observed) {
	}

	/**
	 * @param minDaysInStage the dwell-time condition applied (0 when unconditioned)
	 * @param recentlyActive the activity condition applied (a touchpoint in the 30 days before the point of
	 * prediction), or {@code null} when not conditioned on it
	 * @param sampleSize spells the probabilities were learned from
	 * @param fallback whether a condition was dropped for lack of data (fewer than 30 spells)
	 */
	record Basis(String model, String stage, int minDaysInStage, Boolean recentlyActive, long sampleSize,
			boolean fallback, String smoothing) {
	}

	/** A prediction. */
	record Prediction(List<Outcome> outcomes, String mostLikely, Double expectedDaysToNextStage, Basis basis) {
	}

	/**
	 * @param daysInStage how long the customer has been in {@code stage}
	 * @param recentlyActive whether the customer had a touchpoint in the last 30 days
	 */
	Prediction predict(Stage stage, long daysInStage, boolean recentlyActive, int horizonDays) {
		int bucket = 0;
		for (int b : DWELL_BUCKETS) {
			if (daysInStage >= b) {
				bucket = b;
			}
		}
		Boolean active = recentlyActive;
		Map<String, Observed> observed = observed(stage, bucket, active, horizonDays);
		boolean fallback = false;
		if (total(observed) < MIN_SAMPLE) {
			active = null;
			fallback = true;
			observed = observed(stage, bucket, null, horizonDays);
			if (total(observed) < MIN_SAMPLE && bucket > 0) {
				observed = observed(stage, 0, null, horizonDays);
				bucket = 0;
			}
		}
		List<String> outcomes = new ArrayList<>();
		for (Stage s : Stage.values()) {
			if (s != stage) {
				outcomes.add(s.code());
			}
		}
		outcomes.add(STAY);
		long n = total(observed);
		double[] raw = new double[outcomes.size()];
		for (int i = 0; i < raw.length; i++) {
			Observed o = observed.get(outcomes.get(i));
			raw[i] = 10_000.0 * ((o == null ? 0 : o.count()) + 1) / (n + outcomes.size());
		}
		int[] units = HealthScore.largestRemainder(raw);
		List<Outcome> result = new ArrayList<>();
		String best = null;
		double bestP = -1;
		double expectedSum = 0;
		long expectedN = 0;
		for (int i = 0; i < raw.length; i++) {
			String name = outcomes.get(i);
			Observed o = observed.get(name);
			double p = units[i] / 10_000.0;
			Double mean = o == null || o.meanDays() == null ? null : Math.round(o.meanDays() * 10) / 10.0;
			result.add(new Outcome(name, p, mean, o == null ? 0 : o.count()));
			if (p > bestP) {
				bestP = p;
				best = name;
			}
			if (o != null && o.meanDays() != null && !STAY.equals(name)) {
				expectedSum += o.meanDays() * o.count();
				expectedN += o.count();
			}
		}
		Double expected = expectedN == 0 ? null : Math.round(expectedSum / expectedN * 10) / 10.0;
		return new Prediction(result, best, expected, new Basis(MODEL, stage.code(), bucket, active, n, fallback,
				"add-one (Laplace) over " + outcomes.size() + " outcomes"));
	}

	private static long total(Map<String, Observed> observed) {
		return observed.values().stream().mapToLong(Observed::count).sum();
	}

	private Map<String, Observed> observed(Stage stage, int minDays, Boolean active, int horizonDays) {
		return statistics.get(stage.code() + ':' + minDays + ':' + active + ':' + horizonDays,
				key -> query(stage, minDays, active, horizonDays));
	}

	private Map<String, Observed> query(Stage stage, int minDays, Boolean active, int horizonDays) {
		Instant now = clock.instant();
		Map<String, Observed> result = new HashMap<>();
		jdbc.sql("""
				with spells as (
				    select customer_id, to_stage as stage, occurred_at as started,
				        lead(occurred_at) over w as ended, lead(to_stage) over w as next_stage
				    from stage_transition
				    window w as (partition by customer_id order by occurred_at, seq)
				), relevant as (
				    select case when ended is not null and ended <= started + make_interval(days => :upto)
				               then next_stage else 'stay' end as outcome,
				           case when ended is not null and ended <= started + make_interval(days => :upto)
				               then extract(epoch from ended - started) / 86400.0 - :dwell end as days
				    from spells
				    where stage = :stage
				      and coalesce(ended, :now) >= started + make_interval(days => :dwell)
				      and ((ended is not null and ended <= started + make_interval(days => :upto))
				           or started + make_interval(days => :upto) <= :now)
				      and (cast(:active as boolean) is null or cast(:active as boolean) = exists (
				          select 1 from journey_daily_activity a where a.customer_id = spells.customer_id
				            and a.day > ((started + make_interval(days => :dwell)) at time zone :zone)::date - 30
				            and a.day <= ((started + make_interval(days => :dwell)) at time zone :zone)::date))
				)
				select outcome, count(*) as n, avg(days) as mean_days from relevant group by outcome
				""")
			.param("stage", stage.code())
			.param("dwell", minDays)
			.param("upto", minDays + horizonDays)
			.param("now", Journeys.offset(now))
			.param("active", active)
			.param("zone", clock.getZone().getId())
			.query(rs -> {
				java.math.BigDecimal mean = rs.getBigDecimal("mean_days");
				result.put(rs.getString("outcome"),
						new Observed(rs.getLong("n"), mean == null ? null : Math.max(0, mean.doubleValue())));
			});
		return result;
	}
}
