package io.atrium.journey;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The versioned journey configuration. The newest version is in force; version 0 is the built-in default. The
 * version in force is cached for a few seconds, so a change reaches every node within that time.
 */
@Repository
class JourneyConfigs {

	private static final long CACHE_MILLIS = 5_000;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private volatile Versioned cached;

	private volatile long cachedAt;

	JourneyConfigs(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * A configuration and its version.
	 *
	 * @param version 0 for the built-in defaults
	 * @param createdBy who stored it, {@code system} for the defaults
	 * @param createdAt when, or {@code null} for the defaults
	 */
	record Versioned(int version, JourneyConfig config, String createdBy, Instant createdAt) {
	}

	/** @return the configuration in force */
	JourneyConfig current() {
		return currentVersion().config();
	}

	Versioned currentVersion() {
		Versioned value = cached;
		long now = System.nanoTime() / 1_000_000;
		if (value == null || now - cachedAt > CACHE_MILLIS) {
			value = newest().orElseGet(() -> new Versioned(0, JourneyConfig.defaults(), "system", null));
			cached = value;
			cachedAt = now;
		}
		return value;
	}

	/**
	 * Stores a new version (validated by the caller).
	 * @return the stored version
	 */
	@Transactional
	Versioned store(JourneyConfig config, String actor) {
		jdbc.sql("lock table journey_config in exclusive mode").update();
		int version = jdbc.sql("select coalesce(max(version), 0) + 1 from journey_config").query(Integer.class).single();
		Instant now = clock.instant();
		jdbc.sql("insert into journey_config (version, config, created_by, created_at) values (:v, :c::jsonb, :by, :at)")
			.param("v", version)
			.param("c", json.writeValueAsString(config))
			.param("by", actor)
			.param("at", Journeys.offset(now))
			.update();
		Versioned stored = new Versioned(version, config, actor, now);
		cached = stored;
		cachedAt = System.nanoTime() / 1_000_000;
		return stored;
	}

	private Optional<Versioned> newest() {
		return jdbc.sql("select version, config::text, created_by, created_at from journey_config "
				+ "order by version desc limit 1")
			.query((rs, n) -> new Versioned(rs.getInt(1), json.readValue(rs.getString(2), JourneyConfig.class),
					rs.getString(3), Journeys.instant(rs, "created_at")))
			.optional();
	}
}
