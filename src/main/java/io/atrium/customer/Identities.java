package io.atrium.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code customer_identity} table. Values are normalised ({@link PiiProtection#normalize}); email and
 * phone are written only as ciphertext bound to their kind, every value is found by its blind index. A
 * profile's primary identity of a kind is its oldest one.
 */
@Repository
class Identities {

	private final JdbcClient jdbc;

	private final PiiProtection pii;

	Identities(JdbcClient jdbc, PiiProtection pii) {
		this.jdbc = jdbc;
		this.pii = pii;
	}

	byte[] lookup(IdentityKind kind, String value) {
		return pii.blindIndex(kind.code(), value);
	}

	Optional<CustomerId> owner(IdentityKind kind, String value) {
		return jdbc.sql("select customer_id from customer_identity where kind = :kind and lookup = :lookup")
			.param("kind", kind.code())
			.param("lookup", lookup(kind, value))
			.query((rs, n) -> new CustomerId(rs.getObject(1, UUID.class)))
			.optional();
	}

	/** @return whether the identity was added; {@code false} when some profile holds it already */
	boolean add(CustomerId customer, IdentityKind kind, String value, String source, Instant now) {
		String normalized = PiiProtection.normalize(kind.code(), value);
		return jdbc.sql("""
				insert into customer_identity (customer_id, kind, lookup, value_plain, value_cipher, source, created_at)
				values (:customer, :kind, :lookup, :plain, :cipher, :source, :now)
				on conflict (kind, lookup) do nothing
				""")
			.param("customer", customer.value())
			.param("kind", kind.code())
			.param("lookup", lookup(kind, normalized))
			.param("plain", kind.personal() ? null : normalized)
			.param("cipher", kind.personal() ? pii.encrypt(kind.code(), normalized) : null)
			.param("source", source)
			.param("now", Customers.utc(now))
			.update() == 1;
	}

	/** Replaces the value of the profile's primary identity of {@code kind}, or adds one when it has none. */
	void replacePrimary(CustomerId customer, IdentityKind kind, String value, String source, Instant now) {
		String normalized = PiiProtection.normalize(kind.code(), value);
		int updated = jdbc.sql("""
				update customer_identity set lookup = :lookup, value_plain = :plain, value_cipher = :cipher,
				    source = :source
				where id = (select min(id) from customer_identity where customer_id = :customer and kind = :kind)
				""")
			.param("customer", customer.value())
			.param("kind", kind.code())
			.param("lookup", lookup(kind, normalized))
			.param("plain", kind.personal() ? null : normalized)
			.param("cipher", kind.personal() ? pii.encrypt(kind.code(), normalized) : null)
			.param("source", source)
			.update();
		if (updated == 0) {
			add(customer, kind, normalized, source, now);
		}
	}

	void removePrimary(CustomerId customer, IdentityKind kind) {
		jdbc.sql("""
				delete from customer_identity
				where id = (select min(id) from customer_identity where customer_id = :customer and kind = :kind)
				""")
			.param("customer", customer.value())
			.param("kind", kind.code())
			.update();
	}

	boolean isPrimary(CustomerId customer, IdentityKind kind, String value) {
		return jdbc.sql("""
				select exists (select 1 from customer_identity where lookup = :lookup and id =
				    (select min(id) from customer_identity where customer_id = :customer and kind = :kind))
				""")
			.param("customer", customer.value())
			.param("kind", kind.code())
			.param("lookup", lookup(kind, value))
			.query(Boolean.class)
			.single();
	}

	void remove(CustomerId customer, IdentityKind kind, String value) {
		jdbc.sql("delete from customer_identity where customer_id = :customer and kind = :kind and lookup = :lookup")
			.param("customer", customer.value())
			.param("kind", kind.code())
			.param("lookup", lookup(kind, value))
			.update();
	}

	/** @return each profile's identities, oldest first, with personal values decrypted */
	Map<CustomerId, List<Identity>> of(Collection<CustomerId> customers) {
		Map<CustomerId, List<Identity>> result = new LinkedHashMap<>();
		if (customers.isEmpty()) {
			return result;
		}
		jdbc.sql("""
				select customer_id, kind, value_plain, value_cipher, source, created_at
				from customer_identity where customer_id = any(:ids) order by id
				""")
			.param("ids", customers.stream().map(CustomerId::value).toArray(UUID[]::new))
			.query((rs, n) -> {
				String kind = rs.getString("kind");
				byte[] cipher = rs.getBytes("value_cipher");
				String value = cipher != null ? pii.decrypt(kind, cipher) : rs.getString("value_plain");
				return new Identity(new CustomerId(rs.getObject("customer_id", UUID.class)), kind, value,
						rs.getString("source"), Customers.instant(rs, "created_at"));
			})
			.list()
			.forEach(identity -> result.computeIfAbsent(identity.customer(), key -> new ArrayList<>()).add(identity));
		return result;
	}

	List<Identity> of(CustomerId customer) {
		return of(List.of(customer)).getOrDefault(customer, List.of());
	}

	/**
	 * Hands every identity of {@code from} to {@code to}.
	 * @return the ids of the identities moved
	 */
	List<Long> moveAll(CustomerId from, CustomerId to) {
		return jdbc.sql("update customer_identity set customer_id = :to where customer_id = :from returning id")
			.param("from", from.value())
			.param("to", to.value())
			.query(Long.class)
			.list();
	}

	/** Hands the identities {@code ids} that {@code from} holds back to {@code to}. */
	void move(List<Long> ids, CustomerId from, CustomerId to) {
		jdbc.sql("update customer_identity set customer_id = :to where customer_id = :from and id = any(:ids)")
			.param("from", from.value())
			.param("to", to.value())
			.param("ids", ids.toArray(Long[]::new))
			.update();
	}

	/**
	 * One identifier of a profile.
	 *
	 * @param customer the holder
	 * @param kind {@code member_card}, {@code email}, {@code phone}, {@code device_id} or {@code anonymous_id}
	 * @param value normalised plaintext (decrypted for personal kinds)
	 * @param source where it came from
	 * @param createdAt when it was first recorded
	 */
	record Identity(CustomerId customer, String kind, String value, String source, Instant createdAt) {

		/** @return the first value of {@code kind} in {@code identities}, which is the primary one */
		static String primary(List<Identity> identities, IdentityKind kind) {
			return identities.stream()
				.filter(identity -> identity.kind().equals(kind.code()))
				.map(Identity::value)
				.findFirst()
				.orElse(null);
		}
	}
}
