package io.atrium.scoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trained models: their description and metrics, and the signed model bytes.
 */
@Repository
class Models {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> LIST = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Models(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * A model as described to people.
	 *
	 * @param version increasing from 1
	 * @param algorithm {@code random_forest}, {@code logistic_regression} or {@code gradient_boosting}
	 * @param trainedAt when training finished
	 * @param trainedBy who started it ({@code system} for the schedule)
	 * @param cutoff the holdout cutoff, or {@code null} when the split was not by time
	 * @param features the traits and label it was trained with
	 * @param metrics sample counts and holdout metrics
	 * @param active whether it gives the predictive scores now
	 */
	record ModelRow(int version, String algorithm, Instant trainedAt, String trainedBy, Instant cutoff,
			Map<String, Object> features, Map<String, Object> metrics, boolean active) {
	}

	/**
	 * @param row the model's description
	 * @param bytes Tribuo protobuf bytes
	 * @param mac the HMAC Atrium stored with them
	 */
	record Stored(ModelRow row, byte[] bytes, byte[] mac) {
	}

	@Transactional
	int insert(String algorithm, Instant trainedAt, String trainedBy, Instant cutoff,
			Map<String, Object> features, Map<String, Object> metrics, byte[] bytes, byte[] mac) {
		jdbc.sql("lock table scoring_model in share row exclusive mode").update();
		int version = jdbc.sql("select coalesce(max(version), 0) + 1 from scoring_model").query(Integer.class).single();
		jdbc.sql("""
				insert into scoring_model (version, algorithm, trained_at, trained_by, cutoff, features, metrics, bytes, mac)
				values (:version, :algorithm, :trainedAt, :trainedBy, :cutoff, cast(:features as jsonb),
				        cast(:metrics as jsonb), :bytes, :mac)
				""")
			.param("version", version)
			.param("algorithm", algorithm)
			.param("trainedAt", Timestamp.from(trainedAt))
			.param("trainedBy", trainedBy)
			.param("cutoff", cutoff == null ? null : Timestamp.from(cutoff))
			.param("features", json.writeValueAsString(features))
			.param("metrics", json.writeValueAsString(metrics))
			.param("bytes", bytes)
			.param("mac", mac)
			.update();
		return version;
	}

	@Transactional
	void activate(int version) {
		jdbc.sql("update scoring_model set active = false where active and version <> :version")
			.param("version", version)
			.update();
		jdbc.sql("update scoring_model set active = true where version = :version").param("version", version).update();
	}

	Optional<Integer> activeVersion() {
		return jdbc.sql("select version from scoring_model where active").query(Integer.class).optional();
	}

	Optional<ModelRow> active() {
		return jdbc.sql(SELECT + " where active").query((rs, n) -> row(rs)).optional();
	}

	Optional<ModelRow> find(int version) {
		return jdbc.sql(SELECT + " where version = :version").param("version", version).query((rs, n) -> row(rs)).optional();
	}

	Optional<Stored> stored(int version) {
		return jdbc.sql("select version, algorithm, trained_at, trained_by, cutoff, features, metrics, active, bytes, mac"
				+ " from scoring_model where version = :version")
			.param("version", version)
			.query((rs, n) -> new Stored(row(rs), rs.getBytes("bytes"), rs.getBytes("mac")))
			.optional();
	}

	List<ModelRow> newestFirst(Integer before, int limit) {
		return jdbc.sql(SELECT + " where (cast(:before as int) is null or version < :before) order by version desc limit :limit")
			.param("before", before)
			.param("limit", limit)
			.query((rs, n) -> row(rs))
			.list();
	}

	Optional<Instant> lastTrainedAt() {
		return jdbc.sql("select max(trained_at) from scoring_model")
			.query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
			.optional();
	}

	private static final String SELECT = "select version, algorithm, trained_at, trained_by, cutoff, features, metrics,"
			+ " active from scoring_model";

	private ModelRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
		Timestamp cutoff = rs.getTimestamp("cutoff");
		return new ModelRow(rs.getInt("version"), rs.getString("algorithm"), rs.getTimestamp("trained_at").toInstant(),
				rs.getString("trained_by"), cutoff == null ? null : cutoff.toInstant(),
				json.readValue(rs.getString("features"), MAP), json.readValue(rs.getString("metrics"), MAP),
				rs.getBoolean("active"));
	}

	List<String> traits(ModelRow row) {
		Object traits = row.features().get("traits");
		return traits == null ? List.of() : json.convertValue(traits, LIST);
	}
}
