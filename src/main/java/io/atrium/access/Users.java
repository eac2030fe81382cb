package io.atrium.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The people who sign in to Atrium.
 */
@Repository
class Users {

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record User(UUID id, String username, String displayName, String passwordHash, Role role, boolean enabled,
			Instant createdAt, Instant updatedAt) {
	}

	Optional<User> findByUsername(String username) {
		return jdbc.sql("select * from app_user where username = :username")
			.param("username", username)
			.query(Users::map)
			.optional();
	}

	List<User> findAll() {
		return jdbc.sql("select * from app_user order by username").query(Users::map).list();
	}

	long count() {
		return jdbc.sql("select count(*) from app_user").query(Long.class).single();
	}

	long countEnabledAdmins() {
		return jdbc.sql("select count(*) from app_user where role = 'ADMIN' and enabled").query(Long.class).single();
	}

	void insert(User user) {
		jdbc.sql("""
				insert into app_user (id, username, display_name, password_hash, role, enabled, created_at, updated_at)
				values (:id, :username, :displayName, :hash, :role, :enabled, :createdAt, :updatedAt)
				""")
			.param("id", user.id())
			.param("username", user.username())
			.param("displayName", user.displayName())
			.param("hash", user.passwordHash())
			.param("role", user.role().name())
			.param("enabled", user.enabled())
			.param("createdAt", Timestamp.from(user.createdAt()))
			.param("updatedAt", Timestamp.from(user.updatedAt()))
			.update();
	}

	void update(User user) {
		jdbc.sql("""
				update app_user set display_name = :displayName, password_hash = :hash, role = :role,
				    enabled = :enabled, updated_at = :updatedAt
				where id = :id
				""")
			.param("id", user.id())
			.param("displayName", user.displayName())
			.param("hash", user.passwordHash())
			.param("role", user.role().name())
			.param("enabled", user.enabled())
			.param("updatedAt", Timestamp.from(user.updatedAt()))
			.update();
	}

	private static User map(ResultSet rs, int row) throws SQLException {
		return new User(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
				rs.getString("password_hash"), Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}
}
