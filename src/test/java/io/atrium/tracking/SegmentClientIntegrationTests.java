package io.atrium.tracking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.MessageBuilder;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import io.atrium.access.WriteKeys;
import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SegmentClientIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	WriteKeys writeKeys;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CustomerDirectory directory;

	@Autowired
	JsonMapper json;

	final HttpClient http = HttpClient.newHttpClient();

	String writeKey;

	@BeforeEach
	void createWriteKey() {
		writeKey = writeKeys.create("segment-test-" + UUID.randomUUID().toString().substring(0, 8), "test")
			.writeKey();
	}

	@Test
	void segmentJavaClientEventsLandOnceEvenWhenResent() {
		String user = "SEG-" + UUID.randomUUID().toString().substring(0, 12);
		List<MessageBuilder<?, ?>> messages = new ArrayList<>();
		messages.add(IdentifyMessage.builder()
			.userId(user)
			.messageId(UUID.randomUUID().toString())
			.traits(Map.of("firstName", "Mei", "lastName", "Chen", "favourite_floor", "L3")));
		for (int i = 0; i < 20; i++) {
			messages.add(TrackMessage.builder("Store Visit")
				.userId(user)
				.messageId(UUID.randomUUID().toString())
				.properties(Map.of("store", "S-0101", "duration_seconds", 600 + i)));
		}
		messages.add(TrackMessage.builder("Order Completed")
			.userId(user)
			.messageId(UUID.randomUUID().toString())
			.properties(Map.of("revenue", 358.5, "currency", "CNY", "order_id", "O-1")));
		messages.add(TrackMessage.builder("Coupon Viewed")
			.userId(user)
			.messageId(UUID.randomUUID().toString())
			.properties(Map.of("coupon", "BLACKFRIDAY")));

		send(messages);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(touchpointsOf(user)).isEqualTo(22));

		send(messages);
		assertThat(touchpointsOf(user)).isEqualTo(22);
		assertThat(jdbc.sql("""
				select touchpoint_type, count(*) from touchpoint t join customer c on c.id = t.customer_id
				where c.external_id = ? group by touchpoint_type order by touchpoint_type
				""").param(user).query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list())
			.containsExactly("custom_event=1", "purchase=1", "store_visit=20");
		assertThat(jdbc.sql("""
				select t.amount from touchpoint t join customer c on c.id = t.customer_id
				where c.external_id = ? and touchpoint_type = 'purchase'
				""").param(user).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("358.50");
		CustomerSummary profile = directory.findByExternalId(user).orElseThrow();
		assertThat(profile.firstName()).isEqualTo("Mei");
		assertThat(profile.lastName()).isEqualTo("Chen");
		assertThat(profile.traits()).containsEntry("favourite_floor", "L3");
	}

	@Test
	void identifyUpdatesTheProfileAndLinksEarlierAnonymousVisits() {
		String anonymousId = UUID.randomUUID().toString();
		String user = "SEG-" + UUID.randomUUID().toString().substring(0, 12);
		send(List.of(PageMessage.builder("Home").anonymousId(anonymousId).messageId(UUID.randomUUID().toString())));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(touchpointsOf("anon:" + anonymousId)).isEqualTo(1));

		send(List.of(IdentifyMessage.builder()
			.userId(user)
			.anonymousId(anonymousId)
			.messageId(UUID.randomUUID().toString())
			.traits(Map.of("first_name", "Lei"))));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(directory.findByExternalId(user)).hasValueSatisfying(p -> assertThat(p.firstName()).isEqualTo("Lei"));
			assertThat(touchpointsOf(user)).isEqualTo(1);
		});
	}

	@Test
	void acceptsBasicAuthGzipAndTrailingSlashes() throws Exception {
		String user = "SEG-" + UUID.randomUUID().toString().substring(0, 12);
		String body = """
				{"userId": "%s", "event": "Application Opened", "messageId": "%s",
				 "timestamp": "2026-11-20T10:00:00+0800", "context": {"app": {"name": "SBM"}, "ip": "10.0.0.1"}}
				""".formatted(user, UUID.randomUUID());
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/v1/track/"))
			.header("Authorization", basic(writeKey))
			.header("Content-Type", "application/json")
			.header("Content-Encoding", "gzip")
			.POST(HttpRequest.BodyPublishers.ofByteArray(gzip(body)))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json.readTree(response.body()).get("success").asBoolean()).isTrue();
		assertThat(jdbc.sql("""
				select t.touchpoint_type || '|' || t.channel || '|' || t.occurred_at::text || '|' || t.source || '|'
				    || jsonb_exists(t.metadata -> 'context', 'ip')::text || '|' || (t.metadata ->> 'event')
				from touchpoint t join customer c on c.id = t.customer_id where c.external_id = ?
				""").param(user).query(String.class).single())
			.startsWith("app_session|app|2026-11-20 02:00:00+00|segment:segment-test-")
			.endsWith("|false|Application Opened");
	}

	@Test
	void refusesRequestsWithoutAValidWriteKeyAndStoresNothing() throws Exception {
		String user = "SEG-" + UUID.randomUUID().toString().substring(0, 12);
		String body = "{\"userId\": \"" + user + "\", \"event\": \"Store Visit\"}";

		assertThat(post("/v1/track", body, null).statusCode()).isEqualTo(401);
		HttpResponse<String> wrongBasic = post("/v1/track", body, basic("wk_not-a-key"));
		assertThat(wrongBasic.statusCode()).isEqualTo(401);
		assertThat(wrongBasic.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(post("/v1/track", "{\"userId\": \"" + user + "\", \"event\": \"x\", \"writeKey\": \"nope\"}", null)
			.statusCode()).isEqualTo(401);
		assertThat(directory.findByExternalId(user)).isEmpty();
	}

	@Test
	void takesTheWriteKeyFromTheBodyAndSkipsMalformedBatchItems() throws Exception {
		String user = "SEG-" + UUID.randomUUID().toString().substring(0, 12);
		String repeated = UUID.randomUUID().toString();
		String body = """
				{"writeKey": "%1$s", "sentAt": "2026-11-20T10:00:05Z", "batch": [
				  {"type": "track", "userId": "%2$s", "event": "Review Submitted", "properties": {"rating": 4},
				   "messageId": "%3$s"},
				  {"type": "track", "userId": "%2$s", "event": "Review Submitted", "properties": {"rating": 4},
				   "messageId": "%3$s"},
				  {"type": "track", "event": "No user"},
				  {"type": "teleport", "userId": "%2$s"},
				  {"type": "screen", "userId": "%2$s", "name": "Map", "originalTimestamp": "2026-11-20T10:00:00Z"},
				  {"type": "group", "userId": "%2$s", "groupId": "vip-club", "traits": {"tier": "gold"}},
				  {"type": "alias", "previousId": "%2$s-old", "userId": "%2$s"}
				]}
				""".formatted(writeKey, user, repeated);

		HttpResponse<String> response = post("/v1/batch", body, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(jdbc.sql("""
				select touchpoint_type from touchpoint t join customer c on c.id = t.customer_id
				where c.external_id = ? order by touchpoint_type
				""").param(user).query(String.class).list()).containsExactly("app_session", "group", "review");
		assertThat(post("/v1/track", "{\"writeKey\": \"" + writeKey + "\", \"userId\": \"" + user + "\"}", null)
			.statusCode()).isEqualTo(400);
		assertThat(post("/v1/batch", "{\"writeKey\": \"" + writeKey + "\", \"batch\": 3}", null).statusCode())
			.isEqualTo(400);
		assertThat(post("/v1/nonsense", "{\"writeKey\": \"" + writeKey + "\"}", null).statusCode()).isEqualTo(404);
	}

	@Test
	void refusesBodiesThatInflateBeyondTheLimit() throws Exception {
		byte[] bomb = gzip("{\"batch\": [\"" + "a".repeat(6 * 1024 * 1024) + "\"]}");
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/v1/batch"))
			.header("Authorization", basic(writeKey))
			.header("Content-Encoding", "gzip")
			.POST(HttpRequest.BodyPublishers.ofByteArray(bomb))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(bomb.length).isLessThan(100_000);
		assertThat(response.statusCode()).isEqualTo(413);
	}

	private void send(List<MessageBuilder<?, ?>> messages) {
		AtomicInteger done = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		Analytics analytics = Analytics.builder(writeKey)
			.endpoint("http://localhost:" + port)
			.flushQueueSize(10)
			.flushInterval(1, TimeUnit.SECONDS)
			.callback(new Callback() {
				@Override
				public void success(Message message) {
					done.incrementAndGet();
				}

				@Override
				public void failure(Message message, Throwable throwable) {
					failed.incrementAndGet();
					done.incrementAndGet();
				}
			})
			.build();
		try {
			messages.forEach(analytics::enqueue);
			analytics.flush();
			await().atMost(Duration.ofSeconds(20)).until(() -> done.get() == messages.size());
			assertThat(failed).hasValue(0);
		}
		finally {
			analytics.shutdown();
		}
	}

	private long touchpointsOf(String externalId) {
		return jdbc.sql("select count(*) from touchpoint t join customer c on c.id = t.customer_id "
				+ "where c.external_id = ?").param(externalId).query(Long.class).single();
	}

	private HttpResponse<String> post(String path, String body, String authorization)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static String basic(String key) {
		return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}
}
