package io.atrium.segment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.atrium.customer.ProfileFacts;
import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.JdbcTemplate;
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

	private final JdbcTemplate template;

	SegmentFacts(JdbcClient jdbc, JsonMapper json, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.json = json;
		this.template = template;
	}

	void saveProfile(ProfileFacts facts) {
		saveProfiles(List.of(facts));
	}

	/** Saves many snapshots in one batch (backfill). */
	void saveProfiles(List<ProfileFacts> batch) {
		List<Object[]> rows = new ArrayList<>();
		for (ProfileFacts facts : batch) {
			rows.add(new Object[] { facts.id().value(), facts.status(), facts.city(), facts.gender(), facts.memberTier(),
					facts.birthDate(), facts.memberSince(),
					facts.createdAt() == null ? null : Timestamp.from(facts.createdAt()),
					json.writeValueAsString(facts.traits()), json.writeValueAsString(facts.consents()) });
		}
		template.batchUpdate("""
				insert into segment_profile (customer_id, status, city, gender, member_tier, birth_date, member_since,
				    created_at, traits, consents)
				values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))
				on conflict (customer_id) do update set status = excluded.status, city = excluded.city,
				    gender = excluded.gender, member_tier = excluded.member_tier, birth_date = excluded.birth_date,
				    member_since = excluded.member_since, created_at = excluded.created_at, traits = excluded.traits,
				    consents = excluded.consents
				""", rows);
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

	/**
	 * Stores a customer's current lifecycle stage unless a later one is already stored.
	 */
	void saveStage(CustomerId customer, String stage, java.time.Instant at) {
		jdbc.sql("""
				insert into segment_standing (customer_id, stage, stage_at) values (:customer, :stage, :at)
				on conflict (customer_id) do update set stage = excluded.stage, stage_at = excluded.stage_at
				where segment_standing.stage_at is null or segment_standing.stage_at <= excluded.stage_at
				""")
			.param("customer", customer.value())
			.param("stage", stage)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** Stores many customers' stages in one batch, each unless a later stage is already stored. */
	void saveStages(List<SegmentStandings.CustomerStage> stages) {
		List<Object[]> rows = new ArrayList<>();
		for (SegmentStandings.CustomerStage stage : stages) {
			rows.add(new Object[] { stage.customerId().value(), stage.stage(), Timestamp.from(stage.since()) });
		}
		template.batchUpdate("""
				insert into segment_standing (customer_id, stage, stage_at) values (?, ?, ?)
				on conflict (customer_id) do update set stage = excluded.stage, stage_at = excluded.stage_at
				where segment_standing.stage_at is null or segment_standing.stage_at <= excluded.stage_at
				""", rows);
	}

	/**
	 * Stores customers' current scores (one batch), each unless later scores are already stored.
	 * @param rows per customer: id, composite, behavioral, demographic, engagement, predictive, scored at
	 */
	void saveScores(List<Object[]> rows) {
		template.batchUpdate("""
				insert into segment_standing (customer_id, composite, behavioral, demographic, engagement, predictive,
				    scored_at)
				values (?, ?, ?, ?, ?, ?, ?)
				on conflict (customer_id) do update set composite = excluded.composite, behavioral = excluded.behavioral,
				    demographic = excluded.demographic, engagement = excluded.engagement, predictive = excluded.predictive,
				    scored_at = excluded.scored_at
				where segment_standing.scored_at is null or segment_standing.scored_at <= excluded.scored_at
				""", rows);
	}

	/**
	 * Replaces the daily facts of some customers with the given rows (all of their history).
	 * @param rows customer id, type, day, count, amount
	 */
	void replaceFacts(java.util.Collection<CustomerId> customers, List<Object[]> rows) {
		template.update("delete from segment_fact where customer_id = any(?)",
				(Object) customers.stream().map(CustomerId::value).toArray(java.util.UUID[]::new));
		template.batchUpdate("""
				insert into segment_fact (customer_id, type, day, count, amount) values (?, ?, ?, ?, ?)
				on conflict (customer_id, type, day) do update
				set count = segment_fact.count + excluded.count, amount = segment_fact.amount + excluded.amount
				""", rows);
	}

	void deleteAllFacts() {
		jdbc.sql("truncate segment_fact").update();
	}
}
