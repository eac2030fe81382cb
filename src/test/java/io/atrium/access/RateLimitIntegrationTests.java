package io.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.atrium.testing.HttpApi;
import io.atrium.testing.HttpApi.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "atrium.security.login-per-minute=3")
class RateLimitIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void limitsSignInAttemptsWithRetryAfter() {
		HttpApi api = new HttpApi(port);
		Response last = null;
		for (int i = 0; i < 4; i++) {
			last = api.post("/api/auth/token", null, Map.of("username", "nobody", "password", "wrong-password"));
		}

		assertThat(last.status()).isEqualTo(429);
		assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();
		assertThat(last.json().get("type").asString()).endsWith("/rate-limited");
	}
}
