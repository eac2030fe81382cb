package io.atrium.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.shared.Cursor;
import io.atrium.shared.CustomerId;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Page;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The append-only {@code consent_event} ledger. Rows are only ever inserted; the current consent per channel
 * is the row with the latest {@code occurred_at}, ties broken by the later row.
 */
@Repository
class ConsentLedger {

	private static final String COLUMNS = "id, customer_id, channel, status, source, legal_basis, occurred_at, recorded_at, actor";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	ConsentLedger(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	ConsentEntry append(CustomerId customer, String channel, String status, String source, String legalBasis,
			Instant occurredAt, String actor, Instant now) {
		events.publishEvent(new CustomerProfileChanged(customer));
		return jdbc.sql("""
				insert into consent_event (customer_id, channel, status, source, legal_basis, occurred_at, recorded_at, actor)
				values (:customer, :channel, :status, :source, :legalBasis, :occurredAt, :now, :actor)
				returning
				""" + COLUMNS)
			.param("customer", customer.value())
			.param("channel", channel)
			.param("status", status)
			.param("source", source)
			.param("legalBasis", legalBasis)
			.param("occurredAt", Customers.utc(occurredAt))
			.param("now", Customers.utc(now))
			.param("actor", actor)
			.query(ConsentLedger::entry)
			.single();
	}

	/** @return per profile, the current entry of every channel that has one */
	Map<CustomerId, Map<String, ConsentEntry>> current(Collection<CustomerId> customers) {
		Map<CustomerId, Map<String, ConsentEntry>> result = new LinkedHashMap<>();
		if (customers.isEmpty()) {
			return result;
		}
		jdbc.sql("select distinct on (customer_id, channel) " + COLUMNS + """
				 from consent_event where customer_id = any(:ids)
				order by customer_id, channel, occurred_at desc, id desc
				""")
			.param("ids", customers.stream().map(CustomerId::value).toArray(UUID[]::new))
			.query(ConsentLedger::entry)
			.list()
			.forEach(entry -> result.computeIfAbsent(entry.customer(), key -> new LinkedHashMap<>())
				.put(entry.channel(), entry));
		return result;
	}

	Map<String, ConsentEntry> current(CustomerId customer) {
		return current(List.of(customer)).getOrDefault(customer, Map.of());
	}

	/** @return the profile's entries, newest first */
	Page<ConsentEntry> page(CustomerId customer, int limit, String cursor) {
		List<String> after = Cursor.decode(cursor, 2);
		StringBuilder sql = new StringBuilder("select " + COLUMNS + " from consent_event where customer_id = :customer");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("customer", customer.value());
		if (!after.isEmpty()) {
			sql.append(" and (occurred_at, id) < (:occurredAt, :id)");
			try {
				params.put("occurredAt", Customers.utc(Instant.parse(after.get(0))));
				params.put("id", Long.parseLong(after.get(1)));
			}
			catch (RuntimeException ex) {
				throw InvalidInput.of("cursor", "is not a cursor this list issued");
			}
		}
		sql.append(" order by occurred_at desc, id desc limit :limit");
		params.put("limit", limit + 1);
		List<ConsentEntry> rows = jdbc.sql(sql.toString()).params(params).query(ConsentLedger::entry).list();
		List<ConsentEntry> items = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
		String next = null;
		if (rows.size() > limit) {
			ConsentEntry last = items.get(items.size() - 1);
			next = Cursor.encode(last.occurredAt().toString(), Long.toString(last.id()));
		}
		return new Page<>(items, next);
	}

	/**
	 * Appends copies of {@code from}'s entries to {@code to}'s ledger (same occurrence, source, basis and
	 * actor), leaving {@code from}'s rows as they were.
	 */
	List<Long> copyAll(CustomerId from, CustomerId to, Instant now) {
		List<Long> copied = jdbc.sql("""
				insert into consent_event (customer_id, channel, status, source, legal_basis, occurred_at, recorded_at, actor)
				select :to, channel, status, source, legal_basis, occurred_at, :now, actor
				from consent_event where customer_id = :from order by id
				returning id
				""")
			.param("from", from.value())
			.param("to", to.value())
			.param("now", Customers.utc(now))
			.query(Long.class)
			.list();
		events.publishEvent(new CustomerProfileChanged(to));
		return copied;
	}

	/** Removes the copies an {@link #copyAll} made, when the merge that made them is reversed. */
	void removeCopies(CustomerId holder, List<Long> ids) {
		jdbc.sql("delete from consent_event where customer_id = :holder and id = any(:ids)")
			.param("holder", holder.value())
			.param("ids", ids.toArray(Long[]::new))
			.update();
		events.publishEvent(new CustomerProfileChanged(holder));
	}

	private static ConsentEntry entry(ResultSet rs, int n) throws SQLException {
		return new ConsentEntry(rs.getLong("id"), new CustomerId(rs.getObject("customer_id", UUID.class)),
				rs.getString("channel"), rs.getString("status"), rs.getString("source"), rs.getString("legal_basis"),
				Customers.instant(rs, "occurred_at"), Customers.instant(rs, "recorded_at"), rs.getString("actor"));
	}

	/**
	 * One row of the ledger.
	 *
	 * @param id ledger position
	 * @param customer the profile
	 * @param channel {@code email}, {@code sms} or {@code push}
	 * @param status {@code granted} or {@code withdrawn}
	 * @param source where the consent was given or withdrawn
	 * @param legalBasis GDPR/PIPL basis
	 * @param occurredAt when the person gave or withdrew it
	 * @param recordedAt when Atrium recorded it
	 * @param actor who recorded it
	 */
	record ConsentEntry(long id, CustomerId customer, String channel, String status, String source,
			String legalBasis, Instant occurredAt, Instant recordedAt, String actor) {
	}
}
