package io.atrium.scoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The scoring overview: how scores are distributed now, how many leads are MQL and SQL, how qualification
 * moved over a date range (and the range before it), who moved most, and how the active model holds up.
 */
@Service
@Transactional(readOnly = true)
class ScoringDashboard {

	private final JdbcClient jdbc;

	private final Models models;

	private final ScoringConfigs configs;

	private final CustomerDirectory directory;

	private final Clock clock;

	ScoringDashboard(JdbcClient jdbc, Models models, ScoringConfigs configs, CustomerDirectory directory, Clock clock) {
		this.jdbc = jdbc;
		this.models = models;
		this.configs = configs;
		this.directory = directory;
		this.clock = clock;
	}

	Map<String, Object> overview(DateRange range) {
		ZoneId zone = clock.getZone();
		DateRange previous = range.previous();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("range", range(range));
		result.put("previous_range", range(previous));
		Map<String, Long> quality = new LinkedHashMap<>();
		List.of("cold", "warm", "qualified", "hot").forEach(name -> quality.put(name, 0L));
		jdbc.sql("select lead_quality, count(*) from lead_score group by lead_quality")
			.query(rs -> {
				quality.put(rs.getString(1), rs.getLong(2));
			});
		long[] histogram = new long[10];
		jdbc.sql("select least(9, floor(composite / 10)::int), count(*) from lead_score group by 1")
			.query(rs -> {
				histogram[rs.getInt(1)] = rs.getLong(2);
			});
		List<Map<String, Object>> buckets = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			buckets.add(Map.of("from", i * 10, "to", (i + 1) * 10, "customers", histogram[i]));
		}
		Map<String, Object> distribution = new LinkedHashMap<>();
		distribution.put("customers", quality.values().stream().mapToLong(Long::longValue).sum());
		distribution.put("lead_quality", quality);
		distribution.put("composite_histogram", buckets);
		result.put("distribution", distribution);

		Map<String, Long> current = new LinkedHashMap<>();
		List.of("lead", "mql", "sql").forEach(name -> current.put(name, 0L));
		jdbc.sql("select qualification, count(*) from lead_score group by qualification")
			.query(rs -> {
				current.put(rs.getString(1), rs.getLong(2));
			});
		Map<String, Object> qualification = new LinkedHashMap<>();
		qualification.put("current", current);
		qualification.put("flow", flow(range, zone));
		qualification.put("previous_flow", flow(previous, zone));
		result.put("qualification", qualification);
		result.put("top_movers", movers(range, zone));
		result.put("model_health", modelHealth());
		return result;
	}

	private static Map<String, Object> range(DateRange range) {
		return Map.of("from", range.from().toString(), "to", range.to().toString());
	}

	private Map<String, Object> flow(DateRange range, ZoneId zone) {
		List<Map<String, Object>> transitions = new ArrayList<>();
		long[] became = new long[2];
		jdbc.sql("""
				select previous, qualification, count(*) from lead_qualification
				where occurred_at >= :from and occurred_at < :to group by previous, qualification order by 3 desc
				""")
			.param("from", Timestamp.from(range.start(zone)))
			.param("to", Timestamp.from(range.end(zone)))
			.query(rs -> {
				transitions.add(Map.of("from", rs.getString(1), "to", rs.getString(2), "customers", rs.getLong(3)));
				if ("mql".equals(rs.getString(2))) {
					became[0] += rs.getLong(3);
				}
				if ("sql".equals(rs.getString(2))) {
					became[1] += rs.getLong(3);
				}
			});
		Map<String, Object> flow = new LinkedHashMap<>();
		flow.put("new_mql", became[0]);
		flow.put("new_sql", became[1]);
		flow.put("transitions", transitions);
		return flow;
	}

	private Map<String, Object> movers(DateRange range, ZoneId zone) {
		Map<String, Object> movers = new LinkedHashMap<>();
		movers.put("up", movers(range, zone, "desc"));
		movers.put("down", movers(range, zone, "asc"));
		return movers;
	}

	private List<Map<String, Object>> movers(DateRange range, ZoneId zone, String direction) {
		List<Object[]> rows = jdbc.sql("""
				select customer_id, sum(delta) as change from score_ledger
				where kind = 'composite' and occurred_at >= :from and occurred_at < :to
				group by customer_id having sum(delta) %s 0 order by change %s, customer_id limit 5
				""".formatted("desc".equals(direction) ? ">" : "<", direction))
			.param("from", Timestamp.from(range.start(zone)))
			.param("to", Timestamp.from(range.end(zone)))
			.query((rs, n) -> new Object[] { new CustomerId(rs.getObject(1, UUID.class)), rs.getBigDecimal(2) })
			.list();
		List<CustomerId> ids = rows.stream().map(row -> (CustomerId) row[0]).toList();
		Map<CustomerId, CustomerSummary> profiles = directory.findAll(ids);
		List<Map<String, Object>> result = new ArrayList<>();
		for (Object[] row : rows) {
			CustomerSummary profile = profiles.get((CustomerId) row[0]);
			Map<String, Object> mover = new LinkedHashMap<>();
			mover.put("customer_id", profile == null ? null : profile.externalId());
			mover.put("composite_change", row[1]);
			result.add(mover);
		}
		return result;
	}

	private Map<String, Object> modelHealth() {
		Map<String, Object> health = new LinkedHashMap<>();
		Models.ModelRow active = models.active().orElse(null);
		if (active == null) {
			health.put("status", "no_model");
			return health;
		}
		long ageDays = Duration.between(active.trainedAt(), clock.instant()).toDays();
		int retrainDays = configs.current().config().model().retrainDays();
		Object auc = active.metrics().get("auc");
		Object trainConverted = active.metrics().get("train_converted");
		Object trainCustomers = active.metrics().get("train_customers");
		double baseRate = trainConverted instanceof Number converted && trainCustomers instanceof Number customers
				&& customers.doubleValue() > 0 ? converted.doubleValue() / customers.doubleValue() : 0;
		Double meanPredicted = jdbc.sql("select avg(predictive) / 100 from lead_score where model_version = :version")
			.param("version", active.version())
			.query(Double.class)
			.optional()
			.orElse(null);
		String status = "healthy";
		if (auc instanceof Number value && value.doubleValue() < 0.6) {
			status = "weak";
		}
		else if (retrainDays > 0 && ageDays > 2L * retrainDays) {
			status = "stale";
		}
		health.put("status", status);
		health.put("model_version", active.version());
		health.put("algorithm", active.algorithm());
		health.put("trained_at", active.trainedAt().toString());
		health.put("age_days", ageDays);
		health.put("holdout_auc", auc);
		health.put("rule_only_auc", active.metrics().get("rule_only_auc"));
		health.put("training_conversion_rate", HoldoutMetrics.round(baseRate));
		health.put("mean_predicted_now", meanPredicted == null ? null : HoldoutMetrics.round(meanPredicted));
		health.put("checked_on", LocalDate.now(clock).toString());
		return health;
	}
}
