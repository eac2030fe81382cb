package io.atrium.customer;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remembers people whose data was erased, by the keyed blind index of their email and phone only, so that they
 * are neither re-created nor contacted again. Messaging checks {@link #isErased} before every send.
 */
@Service
@Transactional(readOnly = true)
public class Tombstones {

	private final JdbcClient jdbc;

	private final PiiProtection pii;

	Tombstones(JdbcClient jdbc, PiiProtection pii) {
		this.jdbc = jdbc;
		this.pii = pii;
	}

	/**
	 * @param emailOrPhone an email address (contains {@code @}) or a phone number; {@code null} or blank is never erased
	 * @return whether a person with this email or phone was erased
	 */
	public boolean isErased(String emailOrPhone) {
		if (emailOrPhone == null || emailOrPhone.isBlank()) {
			return false;
		}
		IdentityKind kind = emailOrPhone.contains("@") ? IdentityKind.EMAIL : IdentityKind.PHONE;
		byte[] lookup;
		try {
			lookup = hash(kind.code(), PiiProtection.normalize(kind.code(), emailOrPhone));
		}
		catch (RuntimeException ex) {
			return false;
		}
		return jdbc.sql("select exists (select 1 from customer_tombstone where kind = :kind and lookup = :lookup)")
			.param("kind", kind.code())
			.param("lookup", lookup)
			.query(Boolean.class)
			.single();
	}

	/**
	 * The tombstone hash: a keyed blind index under its own domain ({@code tombstone-email}), so that no value
	 * stored for live lookups ({@code customer_identity.lookup}) survives an erasure.
	 */
	byte[] hash(String kind, String normalized) {
		return pii.blindIndexOfNormalized("tombstone-" + kind, normalized);
	}

	/** Buries an erased person's normalised email or phone as its tombstone hash. */
	@Transactional
	void bury(String kind, String normalized, Instant now) {
		byte[] lookup = hash(kind, normalized);
		jdbc.sql("insert into customer_tombstone (kind, lookup, erased_at) values (:kind, :lookup, :now) on conflict do nothing")
			.param("kind", kind)
			.param("lookup", lookup)
			.param("now", Timestamp.from(now))
			.update();
	}
}
