package io.atrium.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import io.atrium.AtriumApplication;
import io.atrium.access.WriteKeys;
import io.atrium.customer.IdentifyingCustomers;
import io.atrium.shared.CustomerId;
import io.atrium.tracking.NewTouchpoint;
import io.atrium.tracking.TouchpointBulkLoad;
import io.atrium.tracking.TouchpointsRecorded;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Measures touchpoint ingestion end to end over HTTP: N client threads post batches of 100 touchpoints to the
 * running application (embedded PostgreSQL, durable commits) for a fixed time, then the COPY bulk load.
 * Not a test: run it with {@code bench/ingestion.sh} (arguments {@code key=value}):
 * <ul>
 * <li>{@code mode=native|segment} — {@code POST /api/touchpoints/batch} with a bearer token, or
 * {@code POST /v1/batch} with a write key (default native)</li>
 * <li>{@code threads=8}, {@code batch=100}, {@code warmup=10} and {@code seconds=30} (durations in seconds)</li>
 * <li>{@code customers=20000} — distinct customer ids the events are spread over (created during warm-up)</li>
 * <li>{@code bulk=2000000} — rows for the {@link TouchpointBulkLoad} run (0 skips it)</li>
 * <li>{@code nodes=1} — application nodes on the one database: node 1 starts the embedded PostgreSQL, the others
 * are further application contexts in this JVM with their own web server, connection pool and scheduler, connected
 * to it by URL; client threads are spread over the nodes round-robin (compare {@code nodes=1} with {@code nodes=2}
 * at the same thread count for the scale-out ratio)</li>
 * <li>{@code urls=http://a:8080,http://b:8080} with {@code user=} and {@code password=} — load nodes that are already
 * running (each its own process, e.g. under its own CPU quota) instead of starting any here; native mode only, no
 * bulk load</li>
 * <li>{@code listeners=true} — adds three {@code @ApplicationModuleListener}s of {@code TouchpointRecorded}, as
 * the journey, scoring and segment modules will have, to measure the cost of the event outbox</li>
 * </ul>
 * Prints events/s and per-batch latency percentiles.
 */
public final class IngestionBenchmark {

	private static final String[] TYPES = { "store_visit", "website_visit", "app_session", "email_open", "purchase",
			"wifi_login", "parking" };

	private IngestionBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>(Map.of("mode", "native", "threads", "8", "batch", "100", "warmup",
				"10", "seconds", "30", "customers", "20000", "bulk", "2000000"));
		for (String arg : args) {
			String[] pair = arg.split("=", 2);
			options.put(pair[0].replaceFirst("^--", ""), pair[1]);
		}
		if (options.containsKey("urls")) {
			external(options);
			return;
		}
		Class<?>[] sources = options.getOrDefault("listeners", "false").equals("true")
				? new Class<?>[] { AtriumApplication.class, BenchListeners.class }
				: new Class<?>[] { AtriumApplication.class };
		ConfigurableApplicationContext app = SpringApplication.run(sources, new String[] { "--server.port=0",
				"--atrium.data-directory=target/bench-data", "--atrium.database.embedded-directory=target/bench-data/pg",
				"--atrium.database.embedded-ephemeral=true", "--atrium.database.max-pool-size=20",
				"--atrium.demo.load-on-first-start=false", "--atrium.admin.password=bench-admin-password",
				"--atrium.security.ingestion-per-second=1000000", "--atrium.security.ingestion-burst=1000000",
				"--logging.level.root=warn", "--spring.main.banner-mode=off" });
		List<ConfigurableApplicationContext> others = new ArrayList<>();
		try {
			int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			List<Integer> ports = new ArrayList<>(List.of(port));
			com.zaxxer.hikari.HikariDataSource hikari = app.getBean(javax.sql.DataSource.class)
				.unwrap(com.zaxxer.hikari.HikariDataSource.class);
			for (int node = 2; node <= Integer.parseInt(options.getOrDefault("nodes", "1")); node++) {
				ConfigurableApplicationContext other = SpringApplication.run(sources, new String[] { "--server.port=0",
						"--atrium.data-directory=target/bench-data", "--atrium.database.url=" + hikari.getJdbcUrl(),
						"--atrium.database.username=" + hikari.getUsername(),
						"--atrium.database.password=" + (hikari.getPassword() == null ? "" : hikari.getPassword()),
						"--atrium.database.max-pool-size=20", "--atrium.demo.load-on-first-start=false",
						"--db-scheduler.scheduler-name=bench-node-" + node, "--ATRIUM_REPUBLISH_ON_RESTART=false",
						"--atrium.security.ingestion-per-second=1000000", "--atrium.security.ingestion-burst=1000000",
						"--logging.level.root=warn", "--spring.main.banner-mode=off" });
				others.add(other);
				ports.add(Integer.parseInt(other.getEnvironment().getProperty("local.server.port")));
			}
			boolean segment = options.get("mode").equals("segment");
			String authorization = segment
					? "Basic " + Base64.getEncoder()
						.encodeToString((app.getBean(WriteKeys.class).create("bench", "bench").writeKey() + ":")
							.getBytes(StandardCharsets.UTF_8))
					: "Bearer " + token(port);
			Load load = new Load(ports.stream().map(p -> "http://localhost:" + p).toList(), segment, authorization, Integer.parseInt(options.get("batch")),
					Integer.parseInt(options.get("customers")));
			int threads = Integer.parseInt(options.get("threads"));
			System.out.printf("Ingestion over HTTP (%s): %d node(s), %d threads, batches of %d, %d customers%s%n",
					segment ? "POST /v1/batch" : "POST /api/touchpoints/batch", ports.size(), threads, load.batch,
					load.customers,
					sources.length > 1 ? ", 3 outbox listeners of TouchpointsRecorded" : "");
			load.run(threads, Duration.ofSeconds(Long.parseLong(options.get("warmup"))), false);
			load.run(threads, Duration.ofSeconds(Long.parseLong(options.get("seconds"))), true);

			long rows = Long.parseLong(options.get("bulk"));
			if (rows > 0) {
				bulk(app, rows);
			}
		}
		finally {
			others.forEach(ConfigurableApplicationContext::close);
			app.close();
		}
	}

	/** Loads nodes started elsewhere: every node must share the database and the token secret. */
	private static void external(Map<String, String> options) throws Exception {
		List<String> bases = List.of(options.get("urls").split(","));
		String authorization = "Bearer " + token(bases.get(0), options.getOrDefault("user", "admin"),
				options.getOrDefault("password", "bench-admin-password"));
		Load load = new Load(bases, false, authorization, Integer.parseInt(options.get("batch")),
				Integer.parseInt(options.get("customers")));
		int threads = Integer.parseInt(options.get("threads"));
		System.out.printf("Ingestion over HTTP (POST /api/touchpoints/batch): %d running node(s) %s, %d threads,"
				+ " batches of %d, %d customers%n", bases.size(), bases, threads, load.batch, load.customers);
		load.run(threads, Duration.ofSeconds(Long.parseLong(options.get("warmup"))), false);
		load.run(threads, Duration.ofSeconds(Long.parseLong(options.get("seconds"))), true);
	}

	private static String token(int port) throws Exception {
		return token("http://localhost:" + port, "admin", "bench-admin-password");
	}

	private static String token(String base, String user, String password) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(
						"{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		String body = response.body();
		int start = body.indexOf("\"access_token\":\"") + 16;
		return body.substring(start, body.indexOf('"', start));
	}

	private static void bulk(ConfigurableApplicationContext app, long rows) {
		List<CustomerId> customers = new ArrayList<>(app.getBean(IdentifyingCustomers.class)
			.resolveOrCreate(List.of("BULK-1", "BULK-2", "BULK-3", "BULK-4"), "bench")
			.values());
		Instant start = Instant.parse("2024-01-01T00:00:00Z");
		Iterator<NewTouchpoint> source = new Iterator<>() {
			long made;

			@Override
			public boolean hasNext() {
				return made < rows;
			}

			@Override
			public NewTouchpoint next() {
				long n = made++;
				boolean purchase = n % 5 == 0;
				return new NewTouchpoint(null, customers.get((int) (n % customers.size())),
						purchase ? "purchase" : "store_visit", "store", start.plusSeconds(n), "bench", null, "C-" + n % 20,
						"S-" + n % 300, "Main Hall", purchase ? BigDecimal.valueOf(n % 100_000, 2) : null,
						purchase ? "CNY" : null, null, 600, Map.of("n", n, "note", "bulk\trow"));
			}
		};
		long begin = System.nanoTime();
		LongConsumer progress = done -> {
			if (done % 1_000_000 == 0) {
				System.out.printf("  bulk load: %,d rows, %,.0f rows/s%n", done, done / seconds(begin));
			}
		};
		app.getBean(TouchpointBulkLoad.class).load(source, progress);
		double took = seconds(begin);
		System.out.printf("TouchpointBulkLoad: %,d rows in %.1f s = %,.0f rows/s%n", rows, took, rows / took);
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	/**
	 * Three listeners, like the modules that will react to touchpoints; each costs one outbox row per event.
	 * Deliberately not annotated with {@code @Configuration}: component scanning must not pick it up in tests;
	 * it is registered as a source only when {@code listeners=true}.
	 */
	static class BenchListeners {

		static final AtomicLong HEARD = new AtomicLong();

		@Bean
		JourneyLike journeyLike() {
			return new JourneyLike();
		}

		@Bean
		ScoringLike scoringLike() {
			return new ScoringLike();
		}

		@Bean
		SegmentLike segmentLike() {
			return new SegmentLike();
		}
	}

	static class JourneyLike {

		@ApplicationModuleListener
		void on(TouchpointsRecorded event) {
			BenchListeners.HEARD.incrementAndGet();
		}
	}

	static class ScoringLike {

		@ApplicationModuleListener
		void on(TouchpointsRecorded event) {
			BenchListeners.HEARD.incrementAndGet();
		}
	}

	static class SegmentLike {

		@ApplicationModuleListener
		void on(TouchpointsRecorded event) {
			BenchListeners.HEARD.incrementAndGet();
		}
	}

	private static final class Load {

		final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		final List<URI> uris;

		final boolean segment;

		final String authorization;

		final int batch;

		final int customers;

		Load(List<String> bases, boolean segment, String authorization, int batch, int customers) {
			this.uris = bases.stream()
				.map(base -> URI.create(base + (segment ? "/v1/batch" : "/api/touchpoints/batch")))
				.toList();
			this.segment = segment;
			this.authorization = authorization;
			this.batch = batch;
			this.customers = customers;
		}

		void run(int threads, Duration duration, boolean report) throws Exception {
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			AtomicLong failures = new AtomicLong();
			long deadline = System.nanoTime() + duration.toNanos();
			long begin = System.nanoTime();
			List<Future<long[]>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				URI uri = uris.get(t % uris.size());
				results.add(pool.submit(() -> {
					long[] latencies = new long[1 << 16];
					int count = 0;
					while (System.nanoTime() < deadline) {
						HttpRequest request = HttpRequest.newBuilder(uri)
							.header("Content-Type", "application/json")
							.header("Authorization", authorization)
							.POST(HttpRequest.BodyPublishers.ofString(body()))
							.build();
						long sent = System.nanoTime();
						HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
						long took = System.nanoTime() - sent;
						if (response.statusCode() != 200) {
							if (failures.incrementAndGet() < 5) {
								System.err.println("HTTP " + response.statusCode() + ": " + response.body());
							}
							continue;
						}
						if (count == latencies.length) {
							latencies = Arrays.copyOf(latencies, count * 2);
						}
						latencies[count++] = took;
					}
					return Arrays.copyOf(latencies, count);
				}));
			}
			List<long[]> all = new ArrayList<>();
			for (Future<long[]> result : results) {
				all.add(result.get());
			}
			double took = seconds(begin);
			pool.shutdown();
			if (!report) {
				System.out.printf("  warm-up done (%.0f s)%n", took);
				return;
			}
			long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
			long events = (long) latencies.length * batch;
			System.out.printf("  %,d batches, %,d events in %.1f s = %,.0f events/s (%d failed requests)%n",
					latencies.length, events, took, events / took, failures.get());
			System.out.printf("  per-batch latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", ms(latencies, 0.50),
					ms(latencies, 0.95), ms(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
		}

		private static double ms(long[] sorted, double quantile) {
			return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
		}

		private String body() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			StringBuilder body = new StringBuilder(batch * 220);
			body.append(segment ? "{\"batch\": [" : "{\"touchpoints\": [");
			for (int i = 0; i < batch; i++) {
				if (i > 0) {
					body.append(',');
				}
				String customer = "BENCH-" + random.nextInt(customers);
				String type = TYPES[random.nextInt(TYPES.length)];
				String id = UUID.randomUUID().toString();
				if (segment) {
					String event = type.equals("purchase") ? "Order Completed" : type.replace('_', ' ');
					body.append("{\"type\": \"track\", \"userId\": \"").append(customer)
						.append("\", \"event\": \"").append(event)
						.append("\", \"messageId\": \"").append(id)
						.append("\", \"properties\": {\"revenue\": ").append(random.nextInt(1, 5000))
						.append(", \"store\": \"S-").append(random.nextInt(300)).append("\"}}");
				}
				else {
					body.append("{\"customer_id\": \"").append(customer)
						.append("\", \"touchpoint_type\": \"").append(type)
						.append("\", \"message_id\": \"").append(id)
						.append("\", \"metadata\": {\"location\": \"Main Hall\", \"store\": \"S-")
						.append(random.nextInt(300)).append("\", \"campaign_id\": \"SUMMER2024\"");
					if (type.equals("purchase")) {
						body.append(", \"amount\": ").append(random.nextInt(1, 5000)).append(".50");
					}
					body.append("}}");
				}
			}
			return body.append("]}").toString();
		}
	}
}
