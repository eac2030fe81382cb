package io.atrium.segment;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.atrium.customer.ProfileFacts;
import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * The module's own per-customer facts that rules are evaluated against: a profile snapshot
 * ({@code segment_profile}) and daily touchpoint counts and amounts ({@code segment_fact}).
 */
@Repository
class SegmentFacts {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	SegmentFacts(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void saveProfile(ProfileFacts facts) {
		jdbc.sql("""
				insert into segment_profile (customer_id, status, city, gender, member_tier, birth_date, member_since,
				    created_at, traits, consents)
				values (:id, :status, :city, :gender, :tier, :birth, :since, :created, cast(:traits as jsonb), cast(:consents as jsonb))
				on conflict (customer_id) do update set status = excluded.status, city = excluded.city,
				    gender = excluded.gender, member_tier = excluded.member_tier, birth_date = excluded.birth_date,
				    member_since = excluded.member_since, created_at = excluded.created_at, traits = excluded.traits,
				    consents = excluded.consents
				""")
			.param("id", facts.id().value())
			.param("status", facts.status())
			.param("city", facts.city())
			.param("gender", facts.gender())
			.param("tier", facts.memberTier())
			.param("birth", facts.birthDate())
			.param("since", facts.memberSince())
			.param("created", facts.createdAt() == null ? null : java.sql.Timestamp.from(facts.createdAt()))
			.param("traits", json.writeValueAsString(facts.traits()))
			.param("consents", json.writeValueAsString(facts.consents()))
			.update();
	}

	boolean hasProfile(CustomerId customer) {
		return jdbc.sql("select exists (select 1 from segment_profile where customer_id = :id)")
			.param("id", customer.value())
			.query(Boolean.class)
			.single();
	}

	/** Adds touchpoints to a customer's daily facts. */
	void addTouchpoints(CustomerId customer, String type, LocalDate day, int count, BigDecimal amount) {
		jdbc.sql("""
				insert into segment_fact (customer_id, type, day, count, amount) values (:customer, :type, :day, :count, :amount)
				on conflict (customer_id, type, day) do update
				set count = segment_fact.count + excluded.count, amount = segment_fact.amount + excluded.amount
				""")
			.param("customer", customer.value())
			.param("type", type)
			.param("day", day)
			.param("count", count)
			.param("amount", amount == null ? BigDecimal.ZERO : amount)
			.update();
	}

	/** Moves every fact of {@code from} to {@code to}, adding up days both have. */
	void moveFacts(CustomerId from, CustomerId to) {
		jdbc.sql("""
				insert into segment_fact (customer_id, type, day, count, amount)
				select :to, type, day, count, amount from segment_fact where customer_id = :from
				on conflict (customer_id, type, day) do update
				set count = segment_fact.count + excluded.count, amount = segment_fact.amount + excluded.amount
				""")
			.param("from", from.value())
			.param("to", to.value())
			.update();
		jdbc.sql("delete from segment_fact where customer_id = :from").param("from", from.value()).update();
	}

	void deleteAllFacts() {
		jdbc.sql("truncate segment_fact").update();
	}
}
