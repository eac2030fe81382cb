package io.atrium.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.NotFound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Long-lived bearer tokens for integrations ({@code atr_…}). The raw token is returned once at creation;
 * only its SHA-256 is stored. A token carries one role and may expire or be revoked.
 */
@Service
class ApiTokens {

	static final String PREFIX = "atr_";

	private final JdbcClient jdbc;

	private final Clock clock;

	ApiTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	record Issued(UUID id, String name, Role role, String token, String prefix, Instant expiresAt) {
	}

	record TokenView(UUID id, String name, Role role, String prefix, String createdBy, Instant createdAt,
			Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
	}

	record Holder(String name, Role role) {
	}

	Issued create(String name, Role role, Duration validity, String actor) {
		String raw = Secrets.generate(PREFIX);
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		Instant expires = validity == null ? null : now.plus(validity);
		jdbc.sql("""
				insert into api_token (id, name, token_hash, prefix, role, created_by, created_at, expires_at)
				values (:id, :name, :hash, :prefix, :role, :actor, :now, :expires)
				""")
			.param("id", id)
			.param("name", name)
			.param("hash", Secrets.sha256(raw))
			.param("prefix", Secrets.displayPrefix(raw))
			.param("role", role.name())
			.param("actor", actor)
			.param("now", Timestamp.from(now))
			.param("expires", expires == null ? null : Timestamp.from(expires))
			.update();
		return new Issued(id, name, role, raw, Secrets.displayPrefix(raw), expires);
	}

	Optional<Holder> authenticate(String raw) {
		Timestamp now = Timestamp.from(clock.instant());
		return jdbc.sql("""
				update api_token set last_used_at = :now
				where token_hash = :hash and revoked_at is null and (expires_at is null or expires_at > :now)
				returning name, role
				""")
			.param("hash", Secrets.sha256(raw))
			.param("now", now)
			.query((rs, n) -> new Holder(rs.getString("name"), Role.valueOf(rs.getString("role"))))
			.optional();
	}

	List<TokenView> list() {
		return jdbc.sql("select * from api_token order by created_at desc, id")
			.query((rs, n) -> new TokenView(rs.getObject("id", UUID.class), rs.getString("name"),
					Role.valueOf(rs.getString("role")), rs.getString("prefix"), rs.getString("created_by"),
					instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("expires_at")),
					instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("last_used_at"))))
			.list();
	}

	void revoke(UUID id) {
		int updated = jdbc.sql("update api_token set revoked_at = coalesce(revoked_at, :now) where id = :id")
			.param("id", id)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		if (updated == 0) {
			throw new NotFound("token-not-found", "No API token " + id);
		}
	}

	static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
