package io.atrium.scoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Versions of the scoring configuration; the highest is in force, the built-in defaults before any is stored.
 */
@Repository
class ScoringConfigs {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final AtomicReference<Versioned> cached = new AtomicReference<>();

	ScoringConfigs(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * @param version 0 for the built-in defaults
	 * @param config the configuration
	 * @param createdBy who stored it
	 * @param createdAt when, or {@code null} for the defaults
	 */
	record Versioned(int version, ScoringConfig config, String createdBy, Instant createdAt) {
	}

	/** @return the configuration in force */
	Versioned current() {
		int version = jdbc.sql("select coalesce(max(version), 0) from scoring_config").query(Integer.class).single();
		Versioned held = cached.get();
		if (held != null && held.version() == version) {
			return held;
		}
		Versioned fresh = version == 0 ? new Versioned(0, ScoringConfig.defaults(), "system", null) : find(version).orElseThrow();
		cached.set(fresh);
		return fresh;
	}

	Optional<Versioned> find(int version) {
		return jdbc.sql("select version, body, created_by, created_at from scoring_config where version = :version")
			.param("version", version)
			.query((rs, n) -> new Versioned(rs.getInt(1), json.readValue(rs.getString(2), ScoringConfig.class),
					rs.getString(3), rs.getTimestamp(4).toInstant()))
			.optional();
	}

	/** @return the new version */
	@Transactional
	int store(ScoringConfig config, String createdBy, Instant now) {
		jdbc.sql("lock table scoring_config in share row exclusive mode").update();
		int version = jdbc.sql("select coalesce(max(version), 0) + 1 from scoring_config").query(Integer.class).single();
		jdbc.sql("insert into scoring_config (version, body, created_by, created_at) values (:v, cast(:body as jsonb), :by, :at)")
			.param("v", version)
			.param("body", json.writeValueAsString(config))
			.param("by", createdBy)
			.param("at", Timestamp.from(now))
			.update();
		return version;
	}
}
