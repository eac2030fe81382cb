package io.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.atrium.testing.HttpApi;
import io.atrium.testing.HttpApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AccessIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpApi api;

	@BeforeEach
	void setUp() {
		api = new HttpApi(port);
	}

	@Test
	void issuesBearerTokenForValidCredentials() {
		Response response = api.post("/api/auth/token", null,
				Map.of("username", HttpApi.ADMIN, "password", HttpApi.ADMIN_PASSWORD));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("token_type").asString()).isEqualTo("Bearer");
		assertThat(response.json().get("expires_in").asLong()).isEqualTo(3600);
		String token = response.json().get("access_token").asString();
		assertThat(api.get("/api/me", token).json().get("role").asString()).isEqualTo("ADMIN");
	}

	@Test
	void refusesWrongPasswordWithProblemJson() {
		Response response = api.post("/api/auth/token", null,
				Map.of("username", HttpApi.ADMIN, "password", "not-the-password"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).endsWith("/invalid-credentials");
	}

	@Test
	void refusesMissingAndForgedTokens() {
		assertThat(api.get("/api/me", null).status()).isEqualTo(401);
		Response forged = api.get("/api/me", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJBRE1JTiJ9.x");
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.json().get("status").asInt()).isEqualTo(401);
	}

	@Test
	void createsUserWhoseRoleLimitsWhatTheyMayDo() {
		String admin = api.adminToken();
		String username = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
		Response created = api.post("/api/admin/users", admin,
				Map.of("username", username, "password", "a-long-viewer-password", "role", "VIEWER"));
		assertThat(created.status()).isEqualTo(201);

		String viewer = api.token(username, "a-long-viewer-password");
		assertThat(api.get("/api/me", viewer).json().get("role").asString()).isEqualTo("VIEWER");
		Response denied = api.get("/api/admin/users", viewer);
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.json().get("type").asString()).endsWith("/forbidden");
	}

	@Test
	void keepsTheLastEnabledAdmin() {
		String admin = api.adminToken();
		Response response = api.patch("/api/admin/users/" + HttpApi.ADMIN, admin, Map.of("role", "VIEWER"));

		assertThat(response.status()).isEqualTo(409);
		assertThat(api.get("/api/me", api.adminToken()).json().get("role").asString()).isEqualTo("ADMIN");
	}

	@Test
	void apiTokenAuthenticatesUntilRevoked() {
		String admin = api.adminToken();
		Response issued = api.post("/api/admin/tokens", admin, Map.of("name", "bi-export", "role", "ANALYST"));
		assertThat(issued.status()).isEqualTo(201);
		String token = issued.json().get("token").asString();
		assertThat(token).startsWith("atr_");

		assertThat(api.get("/api/me", token).json().get("role").asString()).isEqualTo("ANALYST");
		assertThat(api.delete("/api/admin/tokens/" + issued.json().get("id").asString(), admin).status())
			.isEqualTo(204);
		assertThat(api.get("/api/me", token).status()).isEqualTo(401);
	}

	@Test
	void storesSecretsOnlyAsDigests() {
		String admin = api.adminToken();
		String key = api.post("/api/admin/write-keys", admin, Map.of("name", "pos-" + UUID.randomUUID()))
			.json()
			.get("write_key")
			.asString();

		long plain = jdbc.sql("select count(*) from write_key where encode(key_hash, 'escape') like :key")
			.param("key", "%" + key + "%")
			.query(Long.class)
			.single();
		assertThat(plain).isZero();
		assertThat(api.get("/api/admin/write-keys", admin).body()).doesNotContain(key);
	}

	@Test
	void refusesInvalidWriteKeyOnIngestion() {
		String basic = "Basic " + Base64.getEncoder().encodeToString("wk_not-a-key:".getBytes());
		Response response = api.post("/v1/track", basic, Map.of("userId", "CUST001", "event", "Store Visit"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
	}

	@Test
	void auditsWritesAndDenialsWithActorAndOutcome() {
		String admin = api.adminToken();
		String marker = "audit-" + UUID.randomUUID().toString().substring(0, 8);
		api.post("/api/admin/write-keys", admin, Map.of("name", marker));
		api.get("/api/admin/users", null);

		Response trail = api.get("/api/audit?action=POST%20/api/admin/write-keys&limit=5", admin);
		assertThat(trail.status()).isEqualTo(200);
		assertThat(trail.json().get("items").get(0).get("actor").asString()).isEqualTo("admin");
		assertThat(trail.json().get("items").get(0).get("outcome").asString()).isEqualTo("success");

		Response denials = api.get("/api/audit?outcome=denied&target=/api/admin/users&limit=1", admin);
		assertThat(denials.json().get("items").get(0).get("actor").asString()).isEqualTo("anonymous");
		assertThat(denials.json().get("items").get(0).get("status").asInt()).isEqualTo(401);
	}

	@Test
	void refusesTextThatTheDatabaseCannotStore() {
		String admin = api.adminToken();
		Response response = api.patch("/api/admin/users/" + HttpApi.ADMIN, admin, "{\"display_name\": \"a\\u0000b\"}");

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(api.get("/api/admin/users", admin).body()).doesNotContain("a\\u0000b");
	}

	@Test
	void auditRowsCannotBeChanged() {
		api.get("/api/admin/users", null);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'someone-else'").update())
			.hasMessageContaining("append-only");
	}
}
