package io.atrium.scoring;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.customer.CustomerErased;
import io.atrium.customer.PersonalDataSection;
import io.atrium.shared.CustomerId;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scoring module's part in privacy: exports a person's current scores, their score ledger and qualification
 * history; on {@link CustomerErased} (in the erasing transaction) it drops the explanation of the scores (the top
 * factors name trait values such as a preferred category). The numbers stay, under the pseudonymous profile id, as
 * anonymous aggregates the ledger still sums to.
 */
@Component
class ScoringPrivacy implements PersonalDataSection {

	private final JdbcClient jdbc;

	ScoringPrivacy(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The current scores (as stored), a ledger row, a qualification change. */
	record Current(double composite, double behavioral, double demographic, double engagement, double predictive,
			String leadQuality, String qualification, String qualifiedBy, Integer modelVersion, String topFactors,
			Instant scoredAt) {
	}

	record LedgerRow(String kind, double oldValue, double newValue, double delta, String cause, String causeRef,
			Instant occurredAt) {
	}

	record Qualification(String previous, String qualification, String rule, double composite, Instant occurredAt) {
	}

	@Override
	public String name() {
		return "scores";
	}

	@Override
	public Object export(CustomerId customer) {
		Map<String, Object> section = new LinkedHashMap<>();
		section.put("current", jdbc.sql("""
				select composite, behavioral, demographic, engagement, predictive, lead_quality, qualification,
				       qualified_by, model_version, factors::text, scored_at
				from lead_score where customer_id = :customer
				""")
			.param("customer", customer.value())
			.query((rs, n) -> new Current(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
					rs.getDouble(5), rs.getString(6), rs.getString(7), rs.getString(8),
					(Integer) rs.getObject(9, Integer.class), rs.getString(10), instant(rs.getObject(11, OffsetDateTime.class))))
			.optional()
			.orElse(null));
		List<LedgerRow> ledger = jdbc.sql("""
				select kind, old_value, new_value, delta, cause, cause_ref, occurred_at from score_ledger
				where customer_id = :customer order by id
				""")
			.param("customer", customer.value())
			.query((rs, n) -> new LedgerRow(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
					rs.getString(5), rs.getString(6), instant(rs.getObject(7, OffsetDateTime.class))))
			.list();
		section.put("ledger", ledger);
		List<Qualification> qualifications = jdbc.sql("""
				select previous, qualification, rule, composite, occurred_at from lead_qualification
				where customer_id = :customer order by id
				""")
			.param("customer", customer.value())
			.query((rs, n) -> new Qualification(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
					instant(rs.getObject(5, OffsetDateTime.class))))
			.list();
		section.put("qualifications", qualifications);
		return section;
	}

	@EventListener
	void on(CustomerErased erased) {
		jdbc.sql("update lead_score set factors = '[]'::jsonb where customer_id = :customer")
			.param("customer", erased.id().value())
			.update();
	}

	private static Instant instant(OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}
}
