package io.atrium.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.atrium.testing.HttpApi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * At-least-once delivery from sources, as SDKs and queues do it: a stream of events replayed with 10% duplicate
 * message ids, in shuffled order, over concurrent batches, must leave exactly one touchpoint per message id —
 * the same counts per customer and type as the stream without duplicates.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DuplicateDeliveryIntegrationTests {

	private static final List<String> TYPES = List.of("store_visit", "purchase", "app_session", "website_visit",
			"wifi_login");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aShuffledStreamWithTenPercentDuplicatesYieldsExactCounts() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		Random random = new Random(20261201L);
		List<Map<String, Object>> events = new ArrayList<>();
		Map<String, Long> expected = new HashMap<>();
		for (int i = 0; i < 3_000; i++) {
			String customer = "DUP-" + run + "-" + random.nextInt(150);
			String type = TYPES.get(random.nextInt(TYPES.size()));
			Map<String, Object> event = new HashMap<>(Map.of("customer_id", customer, "touchpoint_type", type,
					"message_id", run + "-" + i, "occurred_at", "2026-11-%02dT1%d:00:00+08:00".formatted(1 + i % 28, i % 10)));
			if (type.equals("purchase")) {
				event.put("metadata", Map.of("amount", 100 + i % 50));
			}
			events.add(event);
			expected.merge(customer + "/" + type, 1L, Long::sum);
		}
		List<Map<String, Object>> stream = new ArrayList<>(events);
		for (int i = 0; i < events.size() / 10; i++) {
			stream.add(events.get(random.nextInt(events.size())));
		}
		Collections.shuffle(stream, random);

		HttpApi api = new HttpApi(port);
		String token = api.adminToken();
		ExecutorService senders = Executors.newFixedThreadPool(6);
		List<Future<HttpApi.Response>> responses = new ArrayList<>();
		for (int from = 0; from < stream.size(); from += 100) {
			List<Map<String, Object>> batch = stream.subList(from, Math.min(stream.size(), from + 100));
			responses.add(senders.submit(() -> api.send("POST", "/api/touchpoints/batch", token,
					HttpApi.json(Map.of("touchpoints", batch)), Map.of())));
		}
		long accepted = 0;
		long duplicates = 0;
		for (Future<HttpApi.Response> response : responses) {
			HttpApi.Response result = response.get();
			assertThat(result.status()).as(result.body()).isEqualTo(200);
			accepted += result.json().get("accepted").asLong();
			duplicates += result.json().get("duplicates").asLong();
		}
		senders.shutdown();

		Map<String, Long> stored = jdbc.sql("""
				select c.external_id || '/' || t.touchpoint_type as k, count(*) as n
				from touchpoint t join customer c on c.id = t.customer_id
				where t.message_id like :prefix group by 1""")
			.param("prefix", run + "-%")
			.query((rs, n) -> Map.entry(rs.getString("k"), rs.getLong("n")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		System.out.printf("Duplicate delivery: %d sent, %d accepted, %d reported duplicate%n", stream.size(), accepted,
				duplicates);
		assertThat(accepted).isEqualTo(events.size());
		assertThat(duplicates).isEqualTo(stream.size() - events.size());
		assertThat(stored).isEqualTo(expected);
	}
}
