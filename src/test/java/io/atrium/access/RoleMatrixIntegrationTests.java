package io.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.atrium.testing.HttpApi;
import io.atrium.testing.HttpApi.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every endpoint the application maps, as every role and as an anonymous caller, against the expected
 * matrix below. Refused requests (any 4xx) must leave every table as it was, except the audit trail, which
 * records them: for the length of the class, row triggers note every insert, delete, truncate and every update
 * that changes a row's content into a change log, and a refused request must add nothing to it. An endpoint missing from the matrix fails the build, so a new endpoint cannot ship without a
 * decision about who may call it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.security.login-per-minute=100000", "atrium.security.ingestion-per-second=100000" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixIntegrationTests {

	static final String ANONYMOUS = "ANONYMOUS";

	static final Set<String> ALL = Set.of("ADMIN", "MARKETER", "ANALYST", "VIEWER");

	static final Set<String> EDITORS = Set.of("ADMIN", "MARKETER");

	static final Set<String> ADMIN = Set.of("ADMIN");

	static final Set<String> PUBLIC = Set.of(ANONYMOUS, "ADMIN", "MARKETER", "ANALYST", "VIEWER");

	static final Set<String> WRITE_KEY = Set.of();

	/** Who may call what: "METHOD pattern" → roles allowed. */
	static final Map<String, Set<String>> MATRIX = new LinkedHashMap<>();

	static {
		MATRIX.put("GET /", PUBLIC);
		MATRIX.put("POST /api/auth/token", PUBLIC);
		MATRIX.put("GET /api/me", ALL);
		MATRIX.put("GET /api/admin/users", ADMIN);
		MATRIX.put("POST /api/admin/users", ADMIN);
		MATRIX.put("PATCH /api/admin/users/{username}", ADMIN);
		MATRIX.put("GET /api/admin/tokens", ADMIN);
		MATRIX.put("POST /api/admin/tokens", ADMIN);
		MATRIX.put("DELETE /api/admin/tokens/{id}", ADMIN);
		MATRIX.put("GET /api/admin/write-keys", ADMIN);
		MATRIX.put("POST /api/admin/write-keys", ADMIN);
		MATRIX.put("DELETE /api/admin/write-keys/{id}", ADMIN);
		MATRIX.put("GET /api/audit", ADMIN);
		MATRIX.put("GET /api/customers", ALL);
		MATRIX.put("POST /api/customers", EDITORS);
		MATRIX.put("GET /api/customers/{customer_id}", ALL);
		MATRIX.put("PATCH /api/customers/{customer_id}", EDITORS);
		MATRIX.put("GET /api/customers/{customer_id}/consents", ALL);
		MATRIX.put("POST /api/customers/{customer_id}/consents", EDITORS);
		MATRIX.put("GET /api/customers/{customer_id}/touchpoints", ALL);
		MATRIX.put("GET /api/touchpoints/{touchpoint_id}", ALL);
		MATRIX.put("POST /api/journey/touchpoints/track", EDITORS);
		MATRIX.put("POST /api/touchpoints/batch", EDITORS);
		MATRIX.put("GET /api/stores", ALL);
		MATRIX.put("GET /api/journey/{customer_id}", ALL);
		MATRIX.put("GET /api/journey/{customer_id}/predict-next-stage", ALL);
		MATRIX.put("GET /api/journey/segment/{segment_id}/journey-patterns", ALL);
		MATRIX.put("GET /api/journey/alerts", ALL);
		MATRIX.put("POST /api/journey/alerts/{id}/acknowledge", EDITORS);
		MATRIX.put("GET /api/journey/config", ALL);
		MATRIX.put("PUT /api/journey/config", ADMIN);
		MATRIX.put("POST /api/journey/recompute", ADMIN);
		MATRIX.put("POST /api/journey/models/train", ADMIN);
		MATRIX.put("GET /api/journey/models", ALL);
		MATRIX.put("POST /api/scoring/score", Set.of("ADMIN", "MARKETER", "ANALYST"));
		MATRIX.put("POST /api/scoring/qualify", EDITORS);
		MATRIX.put("GET /api/scoring/insights/{customer_id}", ALL);
		MATRIX.put("GET /api/scoring/dashboard", ALL);
		MATRIX.put("GET /api/scoring/config", ALL);
		MATRIX.put("PUT /api/scoring/config", ADMIN);
		MATRIX.put("POST /api/scoring/batch", EDITORS);
		MATRIX.put("POST /api/scoring/models/train", EDITORS);
		MATRIX.put("GET /api/scoring/models", ALL);
		MATRIX.put("GET /api/scoring/models/{version}", ALL);
		MATRIX.put("POST /api/scoring/models/{version}/activate", ADMIN);
		MATRIX.put("GET /api/jobs", ALL);
		MATRIX.put("GET /api/jobs/{id}", ALL);
		MATRIX.put("POST /api/jobs/demo-load", ADMIN);
		MATRIX.put("GET /api/analytics/customer-insights", ALL);
		MATRIX.put("GET /api/analytics/campaign-performance", ALL);
		MATRIX.put("GET /api/config/goals", ALL);
		MATRIX.put("PUT /api/config/goals", ADMIN);
		MATRIX.put("GET /api/config/goals/progress", ALL);
		MATRIX.put("GET /api/config/ai-preferences", ALL);
		MATRIX.put("PUT /api/config/ai-preferences", ADMIN);
		MATRIX.put("GET /api/config/history", ALL);
		MATRIX.put("POST /api/config/history/{id}/revert", ADMIN);
		MATRIX.put("POST /api/customers/merge", EDITORS);
		MATRIX.put("POST /api/customers/import", EDITORS);
		MATRIX.put("POST /api/customers/{customer_id}/unmerge", EDITORS);
		MATRIX.put("GET /api/customers/{customer_id}/profile", ALL);
		MATRIX.put("POST /api/privacy/export/{customer_id}", ADMIN);
		MATRIX.put("POST /api/privacy/erase/{customer_id}", ADMIN);
		MATRIX.put("GET /api/segments", ALL);
		MATRIX.put("POST /api/segments", EDITORS);
		MATRIX.put("GET /api/segments/{id}", ALL);
		MATRIX.put("PUT /api/segments/{id}", EDITORS);
		MATRIX.put("DELETE /api/segments/{id}", EDITORS);
		MATRIX.put("GET /api/segments/{id}/members", ALL);
		MATRIX.put("POST /api/segments/{id}/members", EDITORS);
		MATRIX.put("DELETE /api/segments/{id}/members/{customer_id}", EDITORS);
		MATRIX.put("POST /api/segments/{id}/members/upload", EDITORS);
		MATRIX.put("POST /api/segments/preview", Set.of("ADMIN", "MARKETER", "ANALYST"));
		MATRIX.put("POST /api/segments/backfill", EDITORS);
		MATRIX.put("GET /api/automation/workflows", ALL);
		MATRIX.put("POST /api/automation/workflows", EDITORS);
		MATRIX.put("GET /api/automation/workflows/{id}", ALL);
		MATRIX.put("PUT /api/automation/workflows/{id}", EDITORS);
		MATRIX.put("POST /api/automation/workflows/{id}/start", EDITORS);
		MATRIX.put("POST /api/automation/workflows/{id}/pause", EDITORS);
		MATRIX.put("POST /api/automation/workflows/{id}/archive", EDITORS);
		MATRIX.put("POST /api/automation/workflows/{id}/trigger", EDITORS);
		MATRIX.put("GET /api/automation/workflows/{id}/performance", ALL);
		MATRIX.put("POST /api/automation/workflows/{id}/dry-run", EDITORS);
		MATRIX.put("GET /api/automation/runs/{id}", ALL);
		MATRIX.put("GET /api/automation/dead-letters", ALL);
		MATRIX.put("GET /api/automation/tasks", ALL);
		MATRIX.put("POST /api/automation/tasks/{id}/close", EDITORS);
		MATRIX.put("GET /api/messaging/messages", ALL);
		MATRIX.put("POST /api/chat/chat", Set.of("ADMIN", "MARKETER", "ANALYST"));
		MATRIX.put("GET /api/chat/conversations", Set.of("ADMIN", "MARKETER", "ANALYST"));
		MATRIX.put("GET /api/chat/conversations/{id}", Set.of("ADMIN", "MARKETER", "ANALYST"));
		MATRIX.put("GET /t/o/{token}", PUBLIC);
		MATRIX.put("GET /t/c/{token}", PUBLIC);
		for (String segmentCall : List.of("track", "identify", "page", "screen", "group", "alias", "batch", "import")) {
			MATRIX.put("POST /v1/" + segmentCall, WRITE_KEY);
			MATRIX.put("POST /v1/" + segmentCall + "/", WRITE_KEY);
		}
	}

	/**
	 * Tables a refused request must leave unchanged: all of them except the audit trail, the outbox and the
	 * scheduler's own bookkeeping (recurring timers such as segment expiry run every few seconds).
	 */
	static final Set<String> NOT_COMPARED = Set.of("audit_event", "flyway_schema_history", "event_publication",
			"event_publication_archive", "scheduled_tasks", "matrix_change");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	UserManagement users;

	HttpApi api;

	final Map<String, String> tokens = new LinkedHashMap<>();

	@BeforeAll
	void signInAsEveryRole() {
		api = new HttpApi(port);
		tokens.put("ADMIN", api.adminToken());
		for (Role role : List.of(Role.MARKETER, Role.ANALYST, Role.VIEWER)) {
			String username = "matrix-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
			users.create(username, null, "matrix-password-123", role);
			tokens.put(role.name(), api.token(username, "matrix-password-123"));
		}
		watchTables();
		long mark = changeMark();
		api.post("/api/customers", tokens.get("ADMIN"), Map.of("external_id", "CUST-MATRIX"));
		assertThat(changesSince(mark)).as("the change log sees an accepted write").containsKey("customer");
	}

	/**
	 * Notes every change of a compared table in {@code matrix_change}. Cheaper than hashing every row before and
	 * after each refused request (which took a quarter of an hour once other tests had filled the database), and
	 * stricter: a change undone within the request is seen too.
	 */
	private void watchTables() {
		jdbc.sql("create table if not exists matrix_change (id bigserial primary key, table_name text not null)")
			.update();
		jdbc.sql("""
				create or replace function matrix_note_change() returns trigger language plpgsql as $$
				begin
				    insert into matrix_change (table_name) values (tg_table_name);
				    return null;
				end $$""").update();
		for (String table : comparedTables()) {
			jdbc.sql("create or replace trigger matrix_row_change after insert or delete on \"" + table
					+ "\" for each row execute function matrix_note_change()").update();
			jdbc.sql("create or replace trigger matrix_truncate after truncate on \"" + table
					+ "\" for each statement execute function matrix_note_change()").update();
			if (!table.equals("job")) { // a job's heartbeat moves on its own; its rows come and go as above
				jdbc.sql("create or replace trigger matrix_row_update after update on \"" + table
						+ "\" for each row when (old.* is distinct from new.*) execute function matrix_note_change()")
					.update();
			}
		}
	}

	@AfterAll
	void stopWatchingTables() {
		for (String table : comparedTables()) {
			for (String trigger : List.of("matrix_row_change", "matrix_truncate", "matrix_row_update")) {
				jdbc.sql("drop trigger if exists " + trigger + " on \"" + table + "\"").update();
			}
		}
		jdbc.sql("drop function if exists matrix_note_change()").update();
		jdbc.sql("drop table if exists matrix_change").update();
	}

	/** The application's own tables (partitioned parents, not their partitions), less those not compared. */
	private List<String> comparedTables() {
		return jdbc.sql("""
				select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
				order by c.relname
				""").query(String.class).list().stream().filter(table -> !NOT_COMPARED.contains(table)).toList();
	}

	@Test
	void everyMappedEndpointIsInTheMatrix() {
		Set<String> unlisted = new TreeSet<>(mappedEndpoints());
		unlisted.removeAll(MATRIX.keySet());
		assertThat(unlisted).as("endpoints without an entry in the role matrix").isEmpty();
	}

	@TestFactory
	Stream<DynamicTest> everyRoleGetsWhatTheMatrixSays() {
		Set<String> mapped = mappedEndpoints();
		List<DynamicTest> tests = new ArrayList<>();
		MATRIX.forEach((endpoint, allowed) -> {
			if (!mapped.contains(endpoint)) {
				return; // listed ahead of its module; everyMappedEndpointIsInTheMatrix guards the other direction
			}
			for (String role : List.of(ANONYMOUS, "ADMIN", "MARKETER", "ANALYST", "VIEWER")) {
				tests.add(DynamicTest.dynamicTest(role + " " + endpoint, () -> check(endpoint, role, allowed)));
			}
		});
		return tests.stream();
	}

	private void check(String endpoint, String role, Set<String> allowed) {
		String method = endpoint.substring(0, endpoint.indexOf(' '));
		String path = concrete(endpoint.substring(endpoint.indexOf(' ') + 1));
		String token = role.equals(ANONYMOUS) ? null : tokens.get(role);
		String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
		awaitEventListeners();
		long before = changeMark();

		Response response = api.send(method, path, token, body, Map.of());

		int status = response.status();
		if (allowed.contains(role)) {
			assertThat(status).as("%s as %s", endpoint, role).isNotIn(401, 403);
		}
		else if (role.equals(ANONYMOUS) || allowed == WRITE_KEY) {
			assertThat(status).as("%s as %s", endpoint, role).isEqualTo(401);
		}
		else {
			assertThat(status).as("%s as %s", endpoint, role).isEqualTo(403);
		}
		if (status >= 400) {
			assertThat(response.header("Content-Type")).as("%s as %s", endpoint, role)
				.startsWith("application/problem+json");
			assertThat(changesSince(before)).as("tables changed by refused %s as %s (%d)", endpoint, role, status)
				.isEmpty();
		}
	}

	/**
	 * Lets listeners and jobs of earlier (allowed) requests finish, so that their writes are not taken for this
	 * request's.
	 */
	private void awaitEventListeners() {
		try {
			org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc
				.sql("select count(*) from job where status in ('queued', 'running')")
				.query(Long.class)
				.single() == 0);
			org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> jdbc
				// publications left behind by other test contexts (resubmitted, then their context closed) wait for
				// the staleness monitor, not for this test: only recent ones are in flight
				.sql("select count(*) from event_publication where completion_date is null"
						+ " and coalesce(status, '') <> 'FAILED' and publication_date > now() - interval '2 minutes'")
				.query(Long.class)
				.single() == 0);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// a listener still busy: compare anyway
		}
	}

	private Set<String> mappedEndpoints() {
		Set<String> endpoints = new TreeSet<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			if (!handler.getBeanType().getPackageName().startsWith("io.atrium")) {
				return;
			}
			// dashboard pages authenticate by session cookie, not bearer token; their role rules are walked by
			// web.PageAccessIntegrationTests
			if (handler.getBeanType().getPackageName().equals("io.atrium.web")
					&& !info.getPatternValues().contains("/")) {
				return;
			}
			for (String pattern : info.getPatternValues()) {
				for (var method : info.getMethodsCondition().getMethods()) {
					endpoints.add(method.name() + " " + pattern);
				}
			}
		});
		return endpoints;
	}

	private static String concrete(String pattern) {
		Matcher variables = Pattern.compile("\\{([a-z_]+)}").matcher(pattern);
		StringBuilder path = new StringBuilder();
		while (variables.find()) {
			String value = switch (variables.group(1)) {
				case "customer_id" -> "CUST-MATRIX";
				case "username" -> "nobody-here";
				default -> UUID.randomUUID().toString();
			};
			variables.appendReplacement(path, value);
		}
		variables.appendTail(path);
		return path.toString();
	}

	private long changeMark() {
		return jdbc.sql("select coalesce(max(id), 0) from matrix_change").query(Long.class).single();
	}

	/** Tables changed since {@code mark}, with how many rows each. */
	private Map<String, Long> changesSince(long mark) {
		Map<String, Long> changed = new LinkedHashMap<>();
		jdbc.sql("select table_name, count(*) as n from matrix_change where id > :mark group by 1 order by 1")
			.param("mark", mark)
			.query((rs, n) -> changed.put(rs.getString("table_name"), rs.getLong("n")))
			.list();
		return changed;
	}
}
