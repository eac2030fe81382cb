package io.atrium.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.atrium.AtriumApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A mixed HTTP load at fixed rates (an open model: each request is due at its own time, and its latency counts
 * from that time, so a slow server cannot slow the load down and hide its queueing). Request types and their
 * default rates per second:
 * <ul>
 * <li>{@code ingest_batch} (5/s, 50 touchpoints each) and {@code ingest_single} (20/s)</li>
 * <li>{@code customer_360} (50/s): {@code GET /api/customers/{id}/profile}</li>
 * <li>{@code insights} (2/s): customer insights over a random preset</li>
 * <li>{@code assistant} (1/s): a question from a small list (skipped when the server has no assistant)</li>
 * <li>{@code workflow_send} (2/s): a manual trigger of an active one-email workflow for one customer</li>
 * </ul>
 * Run with {@code bench/load.sh} ({@code key=value} arguments): {@code url=} an Atrium to load (with
 * {@code user=} and {@code password=}), or none to start one here on an embedded PostgreSQL under
 * target/bench-data/load with a demo mall of {@code customers=} (default 10000); {@code seconds=60},
 * {@code warmup=10}, {@code rate.<type>=N} per type (0 switches a type off), {@code connections=128} keep-alive
 * connections to send over (a due request waits for a free one, and the wait counts in its latency). Prints requests/s and latency
 * percentiles per type, and the count of errors by status. With {@code report=N} (seconds) it also prints, every N
 * seconds, each type's requests/s and p99 over that interval with the server's heap in use, its live heap after the
 * last collection and its busy database connections (from its actuator metrics): the soak's evidence that memory and
 * latency stay flat.
 */
public final class LoadTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> QUESTIONS = List.of("Show me high-risk customers from last month",
			"How much revenue did we make in the last 30 days?", "Top 10 stores by revenue this year",
			"How many new members joined this week?", "Visits yesterday vs the day before");

	private static final List<String> PRESETS = List.of("7d", "30d", "90d", "1y");

	private static final List<String> TYPES = List.of("store_visit", "website_visit", "app_session", "purchase",
			"wifi_login");

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private final String user;

	private final String password;

	private volatile String token;

	private final List<String> customers;

	private final Map<String, Recorder> recorders = new ConcurrentHashMap<>();

	private volatile Map<String, Recorder> window = new ConcurrentHashMap<>();

	private volatile boolean measuring;

	private LoadTest(String base, String user, String password, String token, List<String> customers) {
		this.base = base;
		this.user = user;
		this.password = password;
		this.token = token;
		this.customers = customers;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		Arrays.stream(args).map(arg -> arg.split("=", 2)).forEach(kv -> options.put(kv[0], kv.length > 1 ? kv[1] : ""));
		ConfigurableApplicationContext context = null;
		String base = options.get("url");
		String user = options.getOrDefault("user", "admin");
		String password = options.getOrDefault("password", "load-test-admin");
		com.icegreen.greenmail.util.GreenMail smtp = null;
		if (base == null) {
			smtp = new com.icegreen.greenmail.util.GreenMail(
					new com.icegreen.greenmail.util.ServerSetup(2525, "127.0.0.1", "smtp"));
			smtp.start();
			int size = Integer.parseInt(options.getOrDefault("customers", "10000"));
			context = SpringApplication.run(AtriumApplication.class, "--server.port=0",
					"--atrium.data-directory=target/bench-data/load",
					"--atrium.database.embedded-directory=target/bench-data/load/postgres",
					"--atrium.admin.password=" + password, "--atrium.demo.customers=" + size,
					"--atrium.demo.load-on-first-start=true", "--atrium.security.ingestion-per-second=100000",
					"--atrium.security.ingestion-burst=100000", "--spring.mail.host=127.0.0.1", "--spring.mail.port=2525",
					"--logging.level.root=warn");
			base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
		}
		try {
			LoadTest test = connect(base, user, password);
			test.run(options);
		}
		finally {
			if (context != null) {
				context.close();
			}
			if (smtp != null) {
				smtp.stop();
			}
			System.exit(0);
		}
	}

	private static LoadTest connect(String base, String user, String password) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		String token = null;
		List<String> customers = new ArrayList<>();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
		while (System.nanoTime() < deadline) {
			if (token == null) {
				token = signIn(client, base, user, password);
			}
			HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/api/customers?limit=500"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode items = JSON.readTree(page.body()).get("items");
			HttpResponse<String> jobs = client.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs?limit=100"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
			boolean busy = false;
			for (JsonNode job : JSON.readTree(jobs.body()).get("items")) {
				String status = job.get("status").asString();
				busy |= !status.equals("succeeded") && !status.equals("failed");
			}
			if (!busy && items != null && items.size() >= 100) {
				items.forEach(item -> customers.add(item.get("customer_id").asString()));
				System.out.printf("Load test against %s with %d known customers%n", base, customers.size());
				return new LoadTest(base, user, password, token, customers);
			}
			System.out.println("Waiting for the demo mall to load and its jobs to finish ...");
			Thread.sleep(5_000);
		}
		throw new IllegalStateException("No customers to load-test with");
	}

	private static String signIn(HttpClient client, String base, String user, String password) throws Exception {
		HttpResponse<String> signIn = client.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", user, "password",
					password))))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (signIn.statusCode() != 200) {
			throw new IllegalStateException("Sign-in failed: " + signIn.body());
		}
		return JSON.readTree(signIn.body()).get("access_token").asString();
	}

	private void run(Map<String, String> options) throws Exception {
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
		Map<String, Double> rates = new LinkedHashMap<>();
		rates.put("ingest_batch", 5.0);
		rates.put("ingest_single", 20.0);
		rates.put("customer_360", 50.0);
		rates.put("insights", 2.0);
		rates.put("assistant", 1.0);
		rates.put("workflow_send", 2.0);
		rates.replaceAll((type, rate) -> Double.parseDouble(options.getOrDefault("rate." + type, rate.toString())));

		Map<String, Supplier<Call>> requests = new LinkedHashMap<>();
		requests.put("ingest_batch", this::ingestBatch);
		requests.put("ingest_single", this::ingestSingle);
		requests.put("customer_360", () -> get("/api/customers/" + randomCustomer() + "/profile"));
		requests.put("insights", () -> get("/api/analytics/customer-insights?preset="
				+ PRESETS.get(ThreadLocalRandom.current().nextInt(PRESETS.size()))));
		requests.put("assistant", () -> post("/api/chat/chat",
				Map.of("query", QUESTIONS.get(ThreadLocalRandom.current().nextInt(QUESTIONS.size())))));
		String workflow = rates.get("workflow_send") > 0 ? createWorkflow() : null;
		if (workflow == null) {
			rates.put("workflow_send", 0.0);
		}
		else {
			requests.put("workflow_send", () -> post("/api/automation/workflows/" + workflow + "/trigger",
					Map.of("customer_ids", List.of(randomCustomer()))));
		}
		int assistantProbe = rates.get("assistant") > 0 ? send(requests.get("assistant").get()).statusCode() : 0;
		if (assistantProbe == 404 || assistantProbe == 403) {
			System.out.println("No assistant on this server: assistant questions skipped");
			rates.put("assistant", 0.0);
		}

		ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
		// access tokens live an hour by default: sign in again well before, so that a soak can run for hours
		scheduler.scheduleAtFixedRate(() -> {
			try {
				token = signIn(client, base, user, password);
			}
			catch (Exception ex) {
				System.out.println("Could not renew the access token: " + ex.getMessage());
			}
		}, 20, 20, TimeUnit.MINUTES);
		// wrk2's way: a fixed set of keep-alive connections, each on its own thread, takes requests as they fall due;
		// when all are busy a request waits in the queue, and that wait counts in its latency
		int connections = Integer.parseInt(options.getOrDefault("connections", "128"));
		BlockingQueue<Due> queue = new LinkedBlockingQueue<>();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			Thread worker = new Thread(() -> work(queue, requests), "load-" + i);
			worker.setDaemon(true);
			worker.start();
			workers.add(worker);
		}
		long start = System.nanoTime();
		rates.forEach((type, rate) -> {
			if (rate <= 0) {
				return;
			}
			long periodNanos = (long) (1e9 / rate);
			AtomicLong sequence = new AtomicLong();
			scheduler.scheduleAtFixedRate(() -> {
				// catch up on every request that fell due since the last tick, so a late tick cannot thin the load
				long now = System.nanoTime();
				for (long due = start + sequence.get() * periodNanos; due <= now; due = start
						+ sequence.get() * periodNanos) {
					sequence.incrementAndGet();
					queue.add(new Due(type, due));
				}
			}, 0, Math.max(periodNanos, 1_000_000), TimeUnit.NANOSECONDS);
		});
		Thread.sleep(warmup * 1000L);
		recorders.clear();
		window = new ConcurrentHashMap<>();
		measuring = true;
		long measuredFrom = System.nanoTime();
		int report = Integer.parseInt(options.getOrDefault("report", "0"));
		if (report > 0) {
			reportIntervals(rates.keySet(), report, measuredFrom + seconds * 1_000_000_000L);
		}
		else {
			Thread.sleep(seconds * 1000L);
		}
		measuring = false;
		double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
		scheduler.shutdownNow();
		workers.forEach(Thread::interrupt);

		System.out.printf("%nMixed load, %d s measured after %d s warm-up (open model over %d keep-alive connections;"
				+ " latency from due time)%n", seconds, warmup, connections);
		System.out.printf("%-14s %9s %9s %9s %9s %9s %9s  %s%n", "type", "target/s", "done/s", "p50 ms", "p95 ms",
				"p99 ms", "max ms", "errors");
		long total = 0;
		for (String type : rates.keySet()) {
			Recorder recorder = recorders.get(type);
			if (recorder == null) {
				continue;
			}
			long[] latencies = recorder.sorted();
			total += latencies.length;
			System.out.printf("%-14s %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f  %s%n", type, rates.get(type),
					latencies.length / elapsed, pct(latencies, 50), pct(latencies, 95), pct(latencies, 99),
					pct(latencies, 100), recorder.errors);
		}
		System.out.printf("%-14s %9s %9.1f%n", "all", "", total / elapsed);
	}

	/** A worker: one connection, taking due requests until interrupted. */
	private void work(BlockingQueue<Due> queue, Map<String, Supplier<Call>> requests) {
		try (KeepAliveConnection connection = new KeepAliveConnection(URI.create(base), 30_000)) {
			while (!Thread.currentThread().isInterrupted()) {
				Due due = queue.take();
				Call call = requests.get(due.type()).get();
				String failure = null;
				try {
					int status = connection.send(call.method(), call.path(), token, call.body());
					failure = status >= 400 ? Integer.toString(status) : null;
				}
				catch (java.io.IOException | RuntimeException ex) {
					failure = ex.getClass().getSimpleName();
				}
				if (measuring) {
					record(due.type(), System.nanoTime() - due.nanos(), failure);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void record(String type, long latency, String failure) {
		for (Recorder recorder : List.of(recorders.computeIfAbsent(type, t -> new Recorder()),
				window.computeIfAbsent(type, t -> new Recorder()))) {
			if (failure != null) {
				recorder.errors.merge(failure, 1L, Long::sum);
			}
			recorder.add(latency);
		}
	}

	/** Prints one line per interval until {@code endNanos}: per type requests/s and p99, then the server's memory. */
	private void reportIntervals(java.util.Collection<String> types, int seconds, long endNanos) throws Exception {
		StringBuilder header = new StringBuilder(String.format("%n%7s", "minute"));
		types.forEach(type -> header.append(String.format(" %20s", type + " /s p99")));
		header.append(String.format(" %9s %9s %7s %7s", "heap MB", "live MB", "db busy", "errors"));
		System.out.println(header);
		long startNanos = System.nanoTime();
		while (System.nanoTime() < endNanos) {
			long intervalStart = System.nanoTime();
			Thread.sleep(Math.max(0, Math.min(seconds * 1000L, (endNanos - intervalStart) / 1_000_000)));
			Map<String, Recorder> interval = window;
			window = new ConcurrentHashMap<>();
			double elapsed = (System.nanoTime() - intervalStart) / 1e9;
			StringBuilder line = new StringBuilder(
					String.format("%7.1f", (System.nanoTime() - startNanos) / 60e9));
			long errors = 0;
			for (String type : types) {
				Recorder recorder = interval.get(type);
				long[] latencies = recorder == null ? new long[0] : recorder.sorted();
				errors += recorder == null ? 0 : recorder.errors.values().stream().mapToLong(Long::longValue).sum();
				line.append(String.format(" %9.1f %10.1f", latencies.length / elapsed, pct(latencies, 99)));
			}
			line.append(String.format(" %9.0f %9.0f %7.0f %7d", metric("jvm.memory.used?tag=area:heap") / 1e6,
					metric("jvm.gc.live.data.size") / 1e6, metric("hikaricp.connections.active"), errors));
			System.out.println(line);
		}
	}

	/** A server metric's first measurement, or NaN when the server does not expose it to this user. */
	private double metric(String name) {
		try {
			HttpResponse<String> response = send(get("/actuator/metrics/" + name));
			if (response.statusCode() != 200) {
				return Double.NaN;
			}
			return JSON.readTree(response.body()).get("measurements").get(0).get("value").asDouble();
		}
		catch (Exception ex) {
			return Double.NaN;
		}
	}

	private String createWorkflow() throws Exception {
		Map<String, Object> definition = Map.of("name", "Load test " + UUID.randomUUID(), "trigger",
				Map.of("trigger_type", "manual", "config", Map.of()), "steps",
				List.of(Map.of("action_type", "send_email", "config",
						Map.of("template_id", "load", "subject", "Hello {customer_name}"))),
				"settings", Map.of("allow_reentry", true));
		HttpResponse<String> created = send(post("/api/automation/workflows", definition));
		if (created.statusCode() != 201 && created.statusCode() != 200) {
			System.out.println("Workflow sends skipped: could not create a workflow: " + created.body());
			return null;
		}
		String id = JSON.readTree(created.body()).get("id").asString();
		send(post("/api/automation/workflows/" + id + "/start", Map.of()));
		HttpResponse<String> probe = send(post("/api/automation/workflows/" + id + "/trigger",
				Map.of("customer_ids", List.of(randomCustomer()))));
		if (probe.statusCode() >= 400) {
			System.out.println("Workflow sends skipped: trigger answered " + probe.statusCode() + " " + probe.body());
			return null;
		}
		return id;
	}

	private Call ingestBatch() {
		List<Map<String, Object>> items = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			items.add(touchpoint());
		}
		return post("/api/touchpoints/batch", Map.of("touchpoints", items));
	}

	private Call ingestSingle() {
		return post("/api/journey/touchpoints/track", touchpoint());
	}

	private Map<String, Object> touchpoint() {
		String type = TYPES.get(ThreadLocalRandom.current().nextInt(TYPES.size()));
		Map<String, Object> touchpoint = new HashMap<>(Map.of("customer_id", randomCustomer(), "touchpoint_type", type,
				"message_id", UUID.randomUUID().toString()));
		if (type.equals("purchase")) {
			touchpoint.put("metadata", Map.of("amount", 50 + ThreadLocalRandom.current().nextInt(2_000)));
		}
		return touchpoint;
	}

	private String randomCustomer() {
		return customers.get(ThreadLocalRandom.current().nextInt(customers.size()));
	}

	private Call get(String path) {
		return new Call("GET", path, null);
	}

	private Call post(String path, Object body) {
		return new Call("POST", path, JSON.writeValueAsBytes(body));
	}

	/** Sends a request of the set-up or the reports (not of the load) and reads its body. */
	private HttpResponse<String> send(Call call) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token);
		if (call.body() != null) {
			request.header("Content-Type", "application/json")
				.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
		}
		else {
			request.method(call.method(), HttpRequest.BodyPublishers.noBody());
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** One request of the load. */
	private record Call(String method, String path, byte[] body) {
	}

	/** A request of a type that fell due at {@code nanos} ({@link System#nanoTime()}). */
	private record Due(String type, long nanos) {
	}

	private static double pct(long[] sorted, int percentile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}

	/** Latencies and errors of one request type. */
	private static final class Recorder {

		private final List<Long> latencies = new ArrayList<>();

		private final Map<String, Long> errors = new ConcurrentHashMap<>();

		synchronized void add(long nanos) {
			latencies.add(nanos);
		}

		synchronized long[] sorted() {
			return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		}
	}
}
