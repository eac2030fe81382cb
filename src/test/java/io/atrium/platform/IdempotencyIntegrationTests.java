package io.atrium.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.atrium.testing.HttpApi;
import io.atrium.testing.HttpApi.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class IdempotencyIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void fiftyConcurrentRetriesProduceOneEffectAndIdenticalResponses() throws Exception {
		HttpApi api = new HttpApi(port);
		String token = api.adminToken();
		String name = "idem-" + UUID.randomUUID();
		String key = UUID.randomUUID().toString();
		String body = HttpApi.json(Map.of("name", name));
		ExecutorService pool = Executors.newFixedThreadPool(50);
		try {
			List<Callable<Response>> calls = java.util.stream.IntStream.range(0, 50)
				.<Callable<Response>>mapToObj(i -> () -> api.send("POST", "/api/admin/write-keys", token, body,
						Map.of("Idempotency-Key", key)))
				.toList();
			List<Response> responses = pool.invokeAll(calls).stream().map(IdempotencyIntegrationTests::get).toList();

			assertThat(responses).extracting(Response::status).containsOnly(201);
			assertThat(responses).extracting(Response::body).containsOnly(responses.get(0).body());
			assertThat(jdbc.sql("select count(*) from write_key where name = :name")
				.param("name", name)
				.query(Long.class)
				.single()).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void refusesTheSameKeyWithADifferentBody() {
		HttpApi api = new HttpApi(port);
		String token = api.adminToken();
		String key = UUID.randomUUID().toString();
		api.send("POST", "/api/admin/write-keys", token, HttpApi.json(Map.of("name", "first-" + key)),
				Map.of("Idempotency-Key", key));

		Response second = api.send("POST", "/api/admin/write-keys", token,
				HttpApi.json(Map.of("name", "second-" + key)), Map.of("Idempotency-Key", key));

		assertThat(second.status()).isEqualTo(422);
		assertThat(second.json().get("type").asString()).endsWith("/idempotency-conflict");
		assertThat(jdbc.sql("select count(*) from write_key where name = :name")
			.param("name", "second-" + key)
			.query(Long.class)
			.single()).isZero();
	}

	private static Response get(Future<Response> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}
