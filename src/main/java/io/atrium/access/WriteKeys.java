package io.atrium.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.atrium.shared.NotFound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Tracking write keys: the credential an ingestion source (a Segment-compatible SDK, a POS connector) uses.
 * Keys are shown once at creation and stored as SHA-256. Verification is cached for a few seconds so that a
 * high event rate does not become a database load; a revoked key stops working within that time.
 */
@Service
public class WriteKeys {

	private static final String PREFIX = "wk_";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Cache<String, Optional<String>> verified = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofSeconds(10))
		.build();

	WriteKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A write key's public description (never the key itself).
	 *
	 * @param id key id
	 * @param name source name, e.g. {@code pos-connector}
	 * @param prefix first characters of the key, to recognise it
	 * @param createdBy who created it
	 * @param createdAt when
	 * @param revokedAt when it was revoked, or {@code null}
	 */
	public record WriteKeyView(UUID id, String name, String prefix, String createdBy, Instant createdAt,
			Instant revokedAt) {
	}

	/**
	 * A newly created key: the only time {@code writeKey} is ever shown.
	 *
	 * @param id key id
	 * @param name source name
	 * @param writeKey the raw key
	 * @param prefix its first characters
	 */
	public record CreatedWriteKey(UUID id, String name, String writeKey, String prefix) {
	}

	/**
	 * @param rawKey a key as sent by a client, may be {@code null}
	 * @return the key's name when it is valid and not revoked
	 */
	public Optional<String> verify(String rawKey) {
		if (rawKey == null || rawKey.isBlank() || rawKey.length() > 200) {
			return Optional.empty();
		}
		return verified.get(rawKey, key -> jdbc.sql("select name from write_key where key_hash = :hash and revoked_at is null")
			.param("hash", Secrets.sha256(key))
			.query(String.class)
			.optional());
	}

	/**
	 * @param name source name, 1–100 characters
	 * @param actor who creates it
	 * @return the new key, shown once
	 */
	public CreatedWriteKey create(String name, String actor) {
		String raw = Secrets.generate(PREFIX);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into write_key (id, name, key_hash, prefix, created_by, created_at)
				values (:id, :name, :hash, :prefix, :actor, :now)
				""")
			.param("id", id)
			.param("name", name)
			.param("hash", Secrets.sha256(raw))
			.param("prefix", Secrets.displayPrefix(raw))
			.param("actor", actor)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		return new CreatedWriteKey(id, name, raw, Secrets.displayPrefix(raw));
	}

	List<WriteKeyView> list() {
		return jdbc.sql("select * from write_key order by created_at desc, id")
			.query((rs, n) -> new WriteKeyView(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("prefix"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
					ApiTokens.instant(rs.getTimestamp("revoked_at"))))
			.list();
	}

	void revoke(UUID id) {
		int updated = jdbc.sql("update write_key set revoked_at = coalesce(revoked_at, :now) where id = :id")
			.param("id", id)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		if (updated == 0) {
			throw new NotFound("write-key-not-found", "No write key " + id);
		}
		verified.invalidateAll();
	}
}
