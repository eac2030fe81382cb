package io.atrium.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Current scores and the ledger they are the sum of. Every change goes through {@link #lock} (a row lock on
 * the customer's score row) and {@link #apply} in one transaction: each changed kind gets a ledger row
 * {@code (old, new, delta = new − old)} and the score row takes the new values, so no concurrent update can
 * slip between reading the old value and writing the new one.
 */
@Repository
class LeadScores {

	/** Every kind of score kept, in ledger order. */
	static final List<String> KINDS = List.of("behavioral", "demographic", "engagement", "predictive", "composite");

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	LeadScores(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * The stored scores of a customer.
	 *
	 * @param customerId the customer
	 * @param values per kind in {@link #KINDS}, 4 decimals
	 * @param quality lead quality
	 * @param qualification {@code lead}, {@code mql} or {@code sql}
	 * @param qualifiedBy the rule that decided the qualification, or {@code null}
	 * @param modelVersion the model of the predictive score, or {@code null}
	 * @param configVersion the configuration used, or {@code null}
	 * @param factors top factors as JSON
	 * @param scoredAt last computed
	 */
	record ScoreRow(CustomerId customerId, Map<String, BigDecimal> values, String quality, String qualification,
			String qualifiedBy, Integer modelVersion, Integer configVersion, String factors, Instant scoredAt) {

		BigDecimal value(String kind) {
			return values.get(kind);
		}
	}

	/**
	 * Locks the customer's score row until the transaction ends, creating it at zero when missing.
	 * @return the row as it is now
	 */
	ScoreRow lock(CustomerId customer, Instant now) {
		jdbc.sql("insert into lead_score (customer_id, scored_at) values (:customer, :now) on conflict do nothing")
			.param("customer", customer.value())
			.param("now", Timestamp.from(now))
			.update();
		return jdbc.sql(SELECT + " where customer_id = :customer for update")
			.param("customer", customer.value())
			.query(LeadScores::row)
			.single();
	}

	Optional<ScoreRow> find(CustomerId customer) {
		return jdbc.sql(SELECT + " where customer_id = :customer")
			.param("customer", customer.value())
			.query(LeadScores::row)
			.optional();
	}

	/**
	 * Writes new scores: a ledger row for each kind whose value changes, then the score row.
	 * @param before the locked row
	 * @param values new values per kind (missing kinds keep their value)
	 * @param cause {@code touchpoint}, {@code decay}, {@code model}, {@code config}, {@code rescore} or {@code merge}
	 * @param causeRef the touchpoint id, model or config version, or {@code null}
	 * @return the changes written
	 */
	List<Change> apply(ScoreRow before, Map<String, Double> values, String quality, Integer modelVersion,
			Integer configVersion, String factors, String cause, String causeRef, Instant now) {
		List<Change> changes = new ArrayList<>();
		Map<String, BigDecimal> next = new LinkedHashMap<>(before.values());
		for (String kind : KINDS) {
			Double value = values.get(kind);
			if (value == null) {
				continue;
			}
			BigDecimal updated = scaled(value);
			BigDecimal old = before.value(kind);
			if (updated.compareTo(old) != 0) {
				changes.add(new Change(kind, old, updated, updated.subtract(old)));
				next.put(kind, updated);
			}
		}
		if (!changes.isEmpty()) {
			Timestamp at = Timestamp.from(now);
			List<Object[]> rows = new ArrayList<>();
			for (Change change : changes) {
				rows.add(new Object[] { before.customerId().value(), change.kind(), change.oldValue(), change.newValue(),
						change.delta(), cause, causeRef, at });
			}
			template.batchUpdate("""
					insert into score_ledger (customer_id, kind, old_value, new_value, delta, cause, cause_ref, occurred_at)
					values (?, ?, ?, ?, ?, ?, ?, ?)
					""", rows);
		}
		jdbc.sql("""
				update lead_score set behavioral = :behavioral, demographic = :demographic, engagement = :engagement,
				    predictive = :predictive, composite = :composite, lead_quality = :quality,
				    model_version = :model, config_version = :config, factors = cast(:factors as jsonb), scored_at = :now
				where customer_id = :customer
				""")
			.param("behavioral", next.get("behavioral"))
			.param("demographic", next.get("demographic"))
			.param("engagement", next.get("engagement"))
			.param("predictive", next.get("predictive"))
			.param("composite", next.get("composite"))
			.param("quality", quality)
			.param("model", modelVersion)
			.param("config", configVersion)
			.param("factors", factors)
			.param("now", Timestamp.from(now))
			.param("customer", before.customerId().value())
			.update();
		return changes;
	}

	void qualify(CustomerId customer, String previous, String qualification, String rule, double composite,
			Instant now) {
		jdbc.sql("update lead_score set qualification = :qualification, qualified_by = :rule where customer_id = :customer")
			.param("qualification", qualification)
			.param("rule", rule)
			.param("customer", customer.value())
			.update();
		if (!previous.equals(qualification)) {
			jdbc.sql("""
					insert into lead_qualification (customer_id, previous, qualification, rule, composite, occurred_at)
					values (:customer, :previous, :qualification, :rule, :composite, :now)
					""")
				.param("customer", customer.value())
				.param("previous", previous)
				.param("qualification", qualification)
				.param("rule", rule)
				.param("composite", scaled(composite))
				.param("now", Timestamp.from(now))
				.update();
		}
	}

	/** Removes a merged profile's score row after its scores were brought to zero through the ledger. */
	void remove(CustomerId customer) {
		jdbc.sql("delete from lead_score where customer_id = :customer").param("customer", customer.value()).update();
	}

	/**
	 * @return the sum of the ledger per kind for a customer (all kinds present, zero when no rows)
	 */
	Map<String, BigDecimal> ledgerSums(CustomerId customer) {
		Map<String, BigDecimal> sums = new LinkedHashMap<>();
		KINDS.forEach(kind -> sums.put(kind, BigDecimal.ZERO.setScale(4)));
		jdbc.sql("select kind, sum(delta) from score_ledger where customer_id = :customer group by kind")
			.param("customer", customer.value())
			.query(rs -> {
				sums.put(rs.getString(1), rs.getBigDecimal(2));
			});
		return sums;
	}

	/**
	 * @param beforeId ledger id to continue below, or {@code null}
	 * @return ledger rows of a customer, newest first
	 */
	List<LedgerEntry> history(CustomerId customer, Long beforeId, int limit) {
		return jdbc.sql("""
				select id, kind, old_value, new_value, delta, cause, cause_ref, occurred_at from score_ledger
				where customer_id = :customer and (cast(:before as bigint) is null or id < :before)
				order by id desc limit :limit
				""")
			.param("customer", customer.value())
			.param("before", beforeId)
			.param("limit", limit)
			.query((rs, n) -> new LedgerEntry(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
					rs.getBigDecimal(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
			.list();
	}

	/**
	 * @param limit at most this many points, the latest ones
	 * @return the composite score after each of its ledger changes, oldest first
	 */
	List<LedgerEntry> compositeHistory(CustomerId customer, int limit) {
		List<LedgerEntry> latest = jdbc.sql("""
				select id, kind, old_value, new_value, delta, cause, cause_ref, occurred_at from score_ledger
				where customer_id = :customer and kind = 'composite' order by id desc limit :limit
				""")
			.param("customer", customer.value())
			.param("limit", limit)
			.query((rs, n) -> new LedgerEntry(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
					rs.getBigDecimal(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
			.list();
		List<LedgerEntry> ordered = new ArrayList<>(latest);
		java.util.Collections.reverse(ordered);
		return ordered;
	}

	/**
	 * @return per kind and cause, the sum of the ledger's deltas: which causes made the current scores
	 */
	List<Attribution> attribution(CustomerId customer) {
		return jdbc.sql("""
				select kind, cause, sum(delta), count(*) from score_ledger where customer_id = :customer
				group by kind, cause order by kind, abs(sum(delta)) desc
				""")
			.param("customer", customer.value())
			.query((rs, n) -> new Attribution(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getLong(4)))
			.list();
	}

	static BigDecimal scaled(double value) {
		return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
	}

	private static final String SELECT = """
			select customer_id, behavioral, demographic, engagement, predictive, composite, lead_quality, qualification,
			       qualified_by, model_version, config_version, factors, scored_at from lead_score
			""";

	private static ScoreRow row(ResultSet rs, int n) throws SQLException {
		Map<String, BigDecimal> values = new LinkedHashMap<>();
		for (String kind : KINDS) {
			values.put(kind, rs.getBigDecimal(kind));
		}
		return new ScoreRow(new CustomerId(rs.getObject("customer_id", UUID.class)), values, rs.getString("lead_quality"),
				rs.getString("qualification"), rs.getString("qualified_by"), (Integer) rs.getObject("model_version"),
				(Integer) rs.getObject("config_version"), rs.getString("factors"), rs.getTimestamp("scored_at").toInstant());
	}

	/**
	 * One change of one score.
	 *
	 * @param kind score kind
	 * @param oldValue before
	 * @param newValue after
	 * @param delta {@code newValue − oldValue}
	 */
	record Change(String kind, BigDecimal oldValue, BigDecimal newValue, BigDecimal delta) {
	}

	/**
	 * A ledger row.
	 *
	 * @param id increasing
	 * @param kind score kind
	 * @param oldValue before
	 * @param newValue after
	 * @param delta the change
	 * @param cause what moved it
	 * @param causeRef the touchpoint id, model or config version, or {@code null}
	 * @param occurredAt when
	 */
	record LedgerEntry(long id, String kind, BigDecimal oldValue, BigDecimal newValue, BigDecimal delta, String cause,
			String causeRef, Instant occurredAt) {
	}

	/**
	 * @param kind score kind
	 * @param cause what moved it
	 * @param points sum of the deltas
	 * @param changes how many ledger rows
	 */
	record Attribution(String kind, String cause, BigDecimal points, long changes) {
	}
}
