package io.atrium.customer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.audit.AuditTrail;
import io.atrium.shared.Actor;
import io.atrium.shared.CustomerId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a person at their request (GDPR art. 17, PIPL art. 47): buries the blind index of their email and phone
 * as tombstones, deletes every identity, overwrites the profile's personal fields and traits, unlinks the mall's
 * customer id, and has every other module erase what it holds through {@link CustomerErased}, all in one
 * transaction. Profiles merged into the person are erased with it. Consent history stays (proof of consent; no
 * personal data). Audited.
 */
@Service
class ErasingCustomers {

	private final Customers customers;

	private final Tombstones tombstones;

	private final PiiProtection pii;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final CustomerTexts texts;

	private final Clock clock;

	ErasingCustomers(Customers customers, Tombstones tombstones, PiiProtection pii, JdbcClient jdbc, AuditTrail audit,
			ApplicationEventPublisher events, CustomerTexts texts, Clock clock) {
		this.customers = customers;
		this.tombstones = tombstones;
		this.pii = pii;
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.texts = texts;
		this.clock = clock;
	}

	/** What an erasure did. */
	record Erased(UUID erasedId, int profiles, int tombstones, String status) {
	}

	@Transactional
	Erased erase(String externalId, Actor actor) {
		CustomerRow row = customers.findByExternalId(externalId)
			.orElseThrow(() -> new CustomerNotFound(texts.get("customer.not-found")));
		List<CustomerId> people = new ArrayList<>();
		people.add(row.id());
		customers.mergedInto(row.id()).forEach(id -> people.add(new CustomerId(id)));
		Instant now = clock.instant();
		int buried = 0;
		for (CustomerId person : people) {
			customers.lock(person);
			List<Map.Entry<String, byte[]>> contacts = jdbc.sql("""
					select kind, value_cipher from customer_identity
					where customer_id = :id and kind in ('email', 'phone') and value_cipher is not null
					""")
				.param("id", person.value())
				.query((rs, n) -> Map.entry(rs.getString(1), rs.getBytes(2)))
				.list();
			for (Map.Entry<String, byte[]> contact : contacts) {
				tombstones.bury(contact.getKey(), pii.decrypt(contact.getKey(), contact.getValue()), now);
				buried++;
			}
			jdbc.sql("delete from customer_identity where customer_id = :id").param("id", person.value()).update();
			jdbc.sql("""
					update customer set status = 'erased', external_id = :erasedId, first_name = null, last_name = null,
					    gender = null, birth_date = null, city = null, locale = null, traits = '{}', updated_at = :now,
					    version = version + 1
					where id = :id
					""")
				.param("id", person.value())
				.param("erasedId", "erased:" + person.value())
				.param("now", Timestamp.from(now))
				.update();
			events.publishEvent(new CustomerErased(person));
			customers.changed(person);
		}
		audit.record(actor, "privacy.erase", "customer:" + row.id().value(), "success",
				Map.of("profiles", people.size(), "tombstones", buried));
		return new Erased(row.id().value(), people.size(), buried, "completed");
	}
}
