package io.atrium.automation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Workflows and their immutable versions.
 */
@Repository
class Workflows {

	/** A workflow with the definition of its current version. */
	record Row(UUID id, String name, WorkflowStatus status, int version, String signingSecret, JsonNode definition,
			Instant createdAt, Instant updatedAt) {
	}

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Workflows(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(UUID id, String name, String secret, JsonNode definition, String actor, Instant now) {
		jdbc.sql("""
				insert into workflow (id, name, status, current_version, signing_secret, created_by, created_at, updated_at)
				values (:id, :name, 'draft', 1, :secret, :actor, :now, :now)""")
			.param("id", id).param("name", name).param("secret", secret).param("actor", actor)
			.param("now", Timestamp.from(now)).update();
		insertVersion(id, 1, definition, now);
	}

	void insertVersion(UUID id, int version, JsonNode definition, Instant now) {
		jdbc.sql("insert into workflow_version (workflow_id, version, definition, created_at) values (:id, :v, :d::jsonb, :now)")
			.param("id", id).param("v", version).param("d", json.writeValueAsString(definition))
			.param("now", Timestamp.from(now)).update();
	}

	void replaceVersion(UUID id, int version, JsonNode definition) {
		jdbc.sql("update workflow_version set definition = :d::jsonb where workflow_id = :id and version = :v")
			.param("id", id).param("v", version).param("d", json.writeValueAsString(definition)).update();
	}

	void update(UUID id, String name, WorkflowStatus status, int version, Instant now) {
		jdbc.sql("""
				update workflow set name = :name, status = :status, current_version = :v, updated_at = :now
				where id = :id""")
			.param("id", id).param("name", name).param("status", status.code()).param("v", version)
			.param("now", Timestamp.from(now)).update();
	}

	Optional<Row> find(UUID id, boolean lock) {
		return jdbc.sql(select() + " where w.id = :id" + (lock ? " for update of w" : ""))
			.param("id", id).query(this::row).optional();
	}

	JsonNode definition(UUID id, int version) {
		return jdbc.sql("select definition::text from workflow_version where workflow_id = :id and version = :v")
			.param("id", id).param("v", version).query(String.class).optional().map(json::readTree)
			.orElseThrow(() -> new WorkflowNotFound(id));
	}

	List<Row> page(Instant afterCreated, UUID afterId, int limit) {
		String where = afterCreated == null ? "" : " where (w.created_at, w.id) < (:c, :i)";
		var spec = jdbc.sql(select() + where + " order by w.created_at desc, w.id desc limit :limit").param("limit", limit);
		if (afterCreated != null) {
			spec = spec.param("c", Timestamp.from(afterCreated)).param("i", afterId);
		}
		return spec.query(this::row).list();
	}

	List<Row> activeWithTrigger(String triggerType) {
		return jdbc.sql(select() + " where w.status = 'active' and v.definition -> 'trigger' ->> 'trigger_type' = :t")
			.param("t", triggerType).query(this::row).list();
	}

	private static String select() {
		return """
				select w.id, w.name, w.status, w.current_version, w.signing_secret, v.definition::text as definition,
				       w.created_at, w.updated_at
				from workflow w join workflow_version v on v.workflow_id = w.id and v.version = w.current_version""";
	}

	private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getString("name"), WorkflowStatus.of(rs.getString("status")),
				rs.getInt("current_version"), rs.getString("signing_secret"), json.readTree(rs.getString("definition")),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}
}
