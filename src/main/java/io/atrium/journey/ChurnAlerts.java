package io.atrium.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stored churn alerts: one per crossing into high risk, open until acknowledged.
 */
@Repository
class ChurnAlerts {

	private final JdbcClient jdbc;

	ChurnAlerts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A stored alert. */
	record Alert(UUID id, CustomerId customerId, double risk, String level, String model, Instant raisedAt,
			Instant acknowledgedAt, String acknowledgedBy) {
	}

	boolean hasOpen(CustomerId customer) {
		return jdbc.sql("select exists (select 1 from churn_alert where customer_id = :id and acknowledged_at is null)")
			.param("id", customer.value())
			.query(Boolean.class)
			.single();
	}

	void insert(Alert alert) {
		jdbc.sql("""
				insert into churn_alert (id, customer_id, risk, level, model, raised_at)
				values (:id, :customer, :risk, :level, :model, :at)
				""")
			.param("id", alert.id())
			.param("customer", alert.customerId().value())
			.param("risk", alert.risk())
			.param("level", alert.level())
			.param("model", alert.model())
			.param("at", Journeys.offset(alert.raisedAt()))
			.update();
	}

	Optional<Alert> find(UUID id) {
		return jdbc.sql("select * from churn_alert where id = :id").param("id", id).query(ChurnAlerts::row).optional();
	}

	/** @return whether it was open and is acknowledged now */
	boolean acknowledge(UUID id, String actor, Instant at) {
		return jdbc.sql("update churn_alert set acknowledged_at = :at, acknowledged_by = :by "
				+ "where id = :id and acknowledged_at is null")
			.param("at", Journeys.offset(at))
			.param("by", actor)
			.param("id", id)
			.update() == 1;
	}

	/** Moves a merged profile's alerts to the survivor. */
	void reassign(CustomerId from, CustomerId to) {
		jdbc.sql("update churn_alert set customer_id = :to where customer_id = :from")
			.param("to", to.value())
			.param("from", from.value())
			.update();
	}

	/**
	 * @param status {@code open}, {@code acknowledged} or {@code all}
	 * @param minRisk lowest risk, or {@code null}
	 * @param from inclusive, or {@code null}
	 * @param until exclusive, or {@code null}
	 * @param after the last alert of the previous page (raised at, id), or {@code null}
	 */
	List<Alert> page(String status, Double minRisk, Instant from, Instant until, Instant afterRaised, UUID afterId,
			int limit) {
		StringBuilder sql = new StringBuilder("select * from churn_alert where true");
		Map<String, Object> params = new HashMap<>();
		if ("open".equals(status)) {
			sql.append(" and acknowledged_at is null");
		}
		else if ("acknowledged".equals(status)) {
			sql.append(" and acknowledged_at is not null");
		}
		if (minRisk != null) {
			sql.append(" and risk >= :minRisk");
			params.put("minRisk", minRisk);
		}
		if (from != null) {
			sql.append(" and raised_at >= :from");
			params.put("from", Journeys.offset(from));
		}
		if (until != null) {
			sql.append(" and raised_at < :until");
			params.put("until", Journeys.offset(until));
		}
		if (afterRaised != null) {
			sql.append(" and (raised_at, id) < (:afterRaised, :afterId)");
			params.put("afterRaised", Journeys.offset(afterRaised));
			params.put("afterId", afterId);
		}
		sql.append(" order by raised_at desc, id desc limit :limit");
		params.put("limit", limit);
		return new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(ChurnAlerts::row).list());
	}

	private static Alert row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Alert(rs.getObject("id", UUID.class), new CustomerId(rs.getObject("customer_id", UUID.class)),
				rs.getDouble("risk"), rs.getString("level"), rs.getString("model"), Journeys.instant(rs, "raised_at"),
				Journeys.instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"));
	}
}
