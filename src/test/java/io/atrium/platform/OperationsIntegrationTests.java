package io.atrium.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.testing.HttpApi;
import io.atrium.testing.HttpApi.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OperationsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void publishesOpenApiDescriptionOfTheApi() {
		Response docs = new HttpApi(port).get("/v3/api-docs", null);

		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("paths").has("/api/auth/token")).isTrue();
		assertThat(docs.json().get("paths").has("/api/admin/write-keys")).isTrue();
	}

	@Test
	void reportsHealthToAnyoneAndMetricsOnlyToAdmins() {
		HttpApi api = new HttpApi(port);

		assertThat(api.get("/actuator/health", null).json().get("status").asString()).isEqualTo("UP");
		assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
		Response metrics = api.get("/actuator/prometheus", api.adminToken());
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("http_server_requests_seconds");
	}

	@Test
	void answersUnknownPathsWithProblemJson() {
		HttpApi api = new HttpApi(port);
		Response response = api.get("/api/no-such-thing", api.adminToken());

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.header("X-Request-Id")).isNotBlank();
	}

	@Test
	void answersInChineseWhenAskedTo() {
		HttpApi api = new HttpApi(port);
		Response response = api.send("POST", "/api/auth/token", null, "{\"username\":\"x\",\"password\":\"y\"}",
				java.util.Map.of("Accept-Language", "zh-CN"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("title").asString()).isEqualTo("用户名或密码错误");
	}
}
