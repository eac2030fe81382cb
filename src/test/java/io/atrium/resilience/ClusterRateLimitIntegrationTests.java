package io.atrium.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.atrium.AtriumApplication;
import io.atrium.testing.HttpApi;
import io.atrium.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Cluster mode: two Atrium nodes on one database and one Redis draw from the same rate-limit bucket, so a
 * client that alternates between them gets the configured number of sign-in attempts in all, not per node.
 */
class ClusterRateLimitIntegrationTests {

	private static final int ATTEMPTS_PER_MINUTE = 6;

	private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@BeforeAll
	static void startTwoNodes() {
		String redis = TestRedis.url();
		for (int i = 0; i < 2; i++) {
			nodes.add(new SpringApplicationBuilder(AtriumApplication.class).run("--server.port=0",
					"--atrium.redis.url=" + redis, "--atrium.security.login-per-minute=" + ATTEMPTS_PER_MINUTE));
		}
	}

	@AfterAll
	static void stopNodes() {
		nodes.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void signInAttemptsAreCountedAcrossNodes() {
		List<HttpApi> apis = nodes.stream()
			.map(node -> new HttpApi(((WebServerApplicationContext) node).getWebServer().getPort()))
			.toList();
		List<Integer> statuses = new ArrayList<>();
		for (int attempt = 0; attempt < 2 * ATTEMPTS_PER_MINUTE; attempt++) {
			HttpApi api = apis.get(attempt % 2);
			HttpApi.Response response = api.send("POST", "/api/auth/token", null,
					HttpApi.json(Map.of("username", "nobody-" + attempt, "password", "wrong-password")), Map.of());
			statuses.add(response.status());
			if (response.status() == 429) {
				assertThat(response.header("Retry-After")).isNotBlank();
			}
		}
		System.out.printf("Cluster rate limit: statuses over two nodes %s%n", statuses);
		assertThat(statuses.subList(0, ATTEMPTS_PER_MINUTE)).containsOnly(401);
		assertThat(statuses.subList(ATTEMPTS_PER_MINUTE, statuses.size())).containsOnly(429);
	}
}
