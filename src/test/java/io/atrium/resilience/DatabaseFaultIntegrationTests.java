package io.atrium.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.atrium.platform.EmbeddedPostgres;
import io.atrium.testing.HttpApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Database faults under ingestion load, against a PostgreSQL of this test's own (so that restarting it disturbs
 * no other test): first every application connection is terminated, then the server is stopped for five
 * seconds and started again. Throughout, clients must get either a success or {@code 503} with
 * {@code Retry-After} — never a 500, never a hang — and every touchpoint that was acknowledged must be in the
 * database afterwards, as must the audit row of every request that was answered (rows the database could not
 * take during the outage are spooled to disk and written when it is back).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseFaultIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final EmbeddedPostgres SERVER = EmbeddedPostgres.start(Path.of("target/test-data/fault-postgres"),
			true);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		SERVER.ensureDatabase("atrium_fault");
		registry.add("atrium.database.url", () -> SERVER.jdbcUrl("atrium_fault"));
		registry.add("atrium.database.username", SERVER::username);
		registry.add("atrium.database.password", () -> "");
	}

	@AfterAll
	static void stopServer() {
		SERVER.close();
	}

	@Test
	void acknowledgedTouchpointsSurviveKilledConnectionsAndARestart() throws Exception {
		String token = new HttpApi(port).adminToken();
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		Set<String> answered = ConcurrentHashMap.newKeySet();
		Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<String> faults = new ConcurrentLinkedQueue<>();
		AtomicLong lastSuccess = new AtomicLong();
		AtomicBoolean running = new AtomicBoolean(true);

		ExecutorService writers = Executors.newFixedThreadPool(4);
		List<Future<?>> futures = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			int writer = w;
			futures.add(writers.submit(() -> {
				int round = 0;
				while (running.get()) {
					List<String> ids = new ArrayList<>();
					StringBuilder items = new StringBuilder();
					for (int i = 0; i < 20; i++) {
						String id = "fault-" + writer + "-" + round + "-" + i + "-" + UUID.randomUUID();
						ids.add(id);
						items.append(i == 0 ? "" : ",")
							.append("{\"customer_id\":\"FAULT-%d-%d\",\"touchpoint_type\":\"store_visit\",\"message_id\":\"%s\"}"
								.formatted(writer, i, id));
					}
					round++;
					String requestId = "fault-" + UUID.randomUUID();
					HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/touchpoints/batch"))
						.timeout(Duration.ofSeconds(20))
						.header("Authorization", "Bearer " + token)
						.header("Content-Type", "application/json")
						.header("X-Request-Id", requestId)
						.POST(HttpRequest.BodyPublishers.ofString("{\"touchpoints\":[" + items + "]}"))
						.build();
					try {
						HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
						statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
						answered.add(requestId);
						if (response.statusCode() == 200) {
							JsonNode results = JSON.readTree(response.body()).get("results");
							for (int i = 0; i < ids.size(); i++) {
								String status = results.get(i).get("status").asString();
								if (status.equals("created") || status.equals("duplicate")) {
									acknowledged.add(ids.get(i));
								}
							}
							lastSuccess.set(System.nanoTime());
						}
						else if (response.statusCode() == 503) {
							if (response.headers().firstValue("Retry-After").isEmpty()) {
								faults.add("503 without Retry-After");
							}
							Thread.sleep(200);
						}
						else {
							faults.add(response.statusCode() + ": " + response.body());
						}
					}
					catch (java.net.http.HttpTimeoutException ex) {
						faults.add("request hung for 20 s");
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					catch (Exception ex) {
						faults.add(ex.toString());
					}
				}
			}));
		}

		awaitSuccessAfter(System.nanoTime(), lastSuccess);
		try (Connection admin = DriverManager.getConnection(SERVER.jdbcUrl(), SERVER.username(), "")) {
			int terminated = 0;
			var result = admin.createStatement()
				.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
						+ "where application_name = 'atrium' and pid <> pg_backend_pid()");
			if (result.next()) {
				terminated = result.getInt(1);
			}
			System.out.printf("Database faults: terminated %d application connections%n", terminated);
			assertThat(terminated).isPositive();
		}
		long afterTermination = awaitSuccessAfter(System.nanoTime(), lastSuccess);
		System.out.printf("Database faults: first success %d ms after the connections were cut%n",
				afterTermination);

		SERVER.restart(Duration.ofSeconds(5));
		long up = System.nanoTime();
		long recoveryMillis = awaitSuccessAfter(up, lastSuccess);
		System.out.printf("Database faults: first success %d ms after PostgreSQL came back%n", recoveryMillis);
		Thread.sleep(2_000);
		running.set(false);
		writers.shutdown();
		assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		for (Future<?> future : futures) {
			future.get();
		}

		System.out.printf("Database faults: responses by status %s, %d touchpoints acknowledged%n", statuses,
				acknowledged.size());
		assertThat(faults).isEmpty();
		assertThat(statuses.keySet()).containsOnly(200, 503);
		assertThat(statuses.get(503)).as("clients saw the outage as 503").isNotNull();
		assertThat(recoveryMillis).isLessThan(30_000);
		try (Connection connection = DriverManager.getConnection(SERVER.jdbcUrl("atrium_fault"), SERVER.username(), "")) {
			var statement = connection.prepareStatement("select count(*) from touchpoint where message_id = any(?)");
			statement.setArray(1, connection.createArrayOf("text", acknowledged.toArray()));
			var result = statement.executeQuery();
			result.next();
			assertThat(result.getLong(1)).as("acknowledged touchpoints stored").isEqualTo(acknowledged.size());

			var audited = connection.prepareStatement("select count(distinct request_id) from audit_event "
					+ "where action = 'POST /api/touchpoints/batch' and request_id = any(?)");
			audited.setArray(1, connection.createArrayOf("text", answered.toArray()));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			long rows = 0;
			while (System.nanoTime() < deadline) {
				var counted = audited.executeQuery();
				counted.next();
				rows = counted.getLong(1);
				if (rows == answered.size()) {
					break;
				}
				Thread.sleep(500);
			}
			System.out.printf("Database faults: %d answered requests, %d audited%n", answered.size(), rows);
			assertThat(rows).as("answered requests with their audit row").isEqualTo(answered.size());
		}
	}

	/** Waits (up to 30 s) for a successful request that started after {@code since}; returns the wait in ms. */
	private static long awaitSuccessAfter(long since, AtomicLong lastSuccess) throws InterruptedException {
		long deadline = since + TimeUnit.SECONDS.toNanos(30);
		while (lastSuccess.get() <= since && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		return TimeUnit.NANOSECONDS.toMillis(Math.max(0, lastSuccess.get() - since));
	}
}
