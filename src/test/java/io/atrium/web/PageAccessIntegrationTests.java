package io.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.atrium.testing.HttpApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may open which dashboard page and who may post which form, signed in through the sign-in form (session
 * cookie), with a valid CSRF token — so a refusal is the role rule, not the missing token. Also: pages carry
 * the Content-Security-Policy, a post without CSRF token is refused, and a forged session cookie is not
 * accepted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.security.login-per-minute=100000" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageAccessIntegrationTests {

	static final Set<String> ALL = Set.of("ADMIN", "MARKETER", "ANALYST", "VIEWER");

	static final Set<String> EDITORS = Set.of("ADMIN", "MARKETER");

	static final Set<String> ADMIN = Set.of("ADMIN");

	/** "METHOD path" → roles allowed. Posts carry an empty form or an empty JSON object. */
	static final Map<String, Set<String>> PAGES = new LinkedHashMap<>();

	static {
		PAGES.put("GET /overview", ALL);
		PAGES.put("GET /overview?preset=7d", ALL);
		PAGES.put("GET /customers", ALL);
		PAGES.put("GET /customers/CUST-PAGES", ALL);
		PAGES.put("GET /customers/CUST-PAGES/edit", EDITORS);
		PAGES.put("POST /customers/CUST-PAGES/edit", EDITORS);
		PAGES.put("POST /customers/CUST-PAGES/export", ADMIN);
		PAGES.put("POST /customers/CUST-PAGES/merge/review", EDITORS);
		PAGES.put("POST /customers/CUST-PAGES/merge", EDITORS);
		PAGES.put("POST /customers/CUST-PAGES/unmerge", EDITORS);
		PAGES.put("POST /customers/CUST-PAGES/erase", ADMIN);
		PAGES.put("GET /workflows", ALL);
		PAGES.put("GET /workflows/new", EDITORS);
		PAGES.put("POST /workflows", EDITORS);
		PAGES.put("GET /workflows/00000000-0000-0000-0000-000000000000?state=failed", ALL);
		PAGES.put("GET /workflows/00000000-0000-0000-0000-000000000000/runs/00000000-0000-0000-0000-000000000001", ALL);
		PAGES.put("GET /segments", ALL);
		PAGES.put("GET /scoring?preset=90d", ALL);
		PAGES.put("GET /segments/new", EDITORS);
		PAGES.put("POST /segments/preview", Set.of("ADMIN", "MARKETER", "ANALYST"));
		PAGES.put("POST /segments", EDITORS);
		PAGES.put("GET /analytics?preset=30d", ALL);
		PAGES.put("GET /analytics/export?report=campaign-performance&table=campaigns&preset=30d", ALL);
		PAGES.put("GET /audit", ADMIN);
		PAGES.put("GET /audit?outcome=denied", ADMIN);
		PAGES.put("GET /settings", ADMIN);
		PAGES.put("POST /settings/ai-preferences", ADMIN);
		PAGES.put("GET /settings?edit_goal=no-such-goal", ADMIN);
		PAGES.put("POST /settings/users", ADMIN);
		PAGES.put("POST /settings/users/no-such-user/role", ADMIN);
		PAGES.put("POST /settings/users/no-such-user/enabled", ADMIN);
		PAGES.put("POST /settings/tokens", ADMIN);
		PAGES.put("POST /settings/tokens/00000000-0000-0000-0000-000000000000/revoke", ADMIN);
		PAGES.put("POST /settings/write-keys", ADMIN);
		PAGES.put("POST /settings/write-keys/00000000-0000-0000-0000-000000000000/revoke", ADMIN);
		PAGES.put("POST /settings/goals", ADMIN);
		PAGES.put("POST /settings/goals/no-such-goal/remove", ADMIN);
		PAGES.put("POST /settings/history/999999999/revert", ADMIN);
		PAGES.put("GET /assistant", Set.of("ADMIN", "MARKETER", "ANALYST"));
		PAGES.put("POST /assistant/ask", Set.of("ADMIN", "MARKETER", "ANALYST"));
		PAGES.put("POST /assistant/segments", EDITORS);
		PAGES.put("POST /assistant/workflows", EDITORS);
		PAGES.put("GET /scoring/jobs/00000000-0000-0000-0000-000000000000", ALL);
		PAGES.put("POST /scoring/models/train", EDITORS);
		PAGES.put("POST /scoring/models/999999/activate", ADMIN);
	}

	@LocalServerPort
	int port;

	HttpApi api;

	final Map<String, String[]> people = new LinkedHashMap<>();

	@BeforeAll
	void createPeople() {
		api = new HttpApi(port);
		String admin = api.adminToken();
		people.put("ADMIN", new String[] { HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD });
		for (String role : List.of("MARKETER", "ANALYST", "VIEWER")) {
			String username = "pages-" + role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
			HttpApi.Response created = api.post("/api/admin/users", admin,
					Map.of("username", username, "password", "pages-password-123", "role", role));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			people.put(role, new String[] { username, "pages-password-123" });
		}
		api.post("/api/customers", admin, Map.of("external_id", "CUST-PAGES", "first_name", "Page"));
	}

	@TestFactory
	Stream<DynamicTest> everyRoleGetsWhatThePageRulesSay() {
		List<DynamicTest> tests = new ArrayList<>();
		PAGES.forEach((page, allowed) -> {
			for (String role : people.keySet()) {
				tests.add(DynamicTest.dynamicTest(role + " " + page, () -> check(page, role, allowed)));
			}
			tests.add(DynamicTest.dynamicTest("ANONYMOUS " + page, () -> {
				PageSessionClient anonymous = new PageSessionClient(port);
				HttpResponse<String> response = call(anonymous, page, null);
				if (page.startsWith("GET")) {
					assertThat(response.statusCode()).isEqualTo(302);
					assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/login");
				}
				else {
					assertThat(response.statusCode()).isIn(302, 403);
				}
			}));
		});
		return tests.stream();
	}

	private void check(String page, String role, Set<String> allowed) {
		PageSessionClient client = new PageSessionClient(port);
		String[] who = people.get(role);
		assertThat(client.signIn(who[0], who[1]).statusCode()).isEqualTo(302);
		String csrf = client.csrfToken();
		assertThat(csrf).isNotBlank();
		HttpResponse<String> response = call(client, page, csrf);
		if (allowed.contains(role)) {
			assertThat(response.statusCode()).as("%s as %s", page, role).isNotIn(401, 403).isLessThan(500);
		}
		else {
			assertThat(response.statusCode()).as("%s as %s", page, role).isEqualTo(403);
		}
	}

	private static HttpResponse<String> call(PageSessionClient client, String page, String csrf) {
		String method = page.substring(0, page.indexOf(' '));
		String path = page.substring(page.indexOf(' ') + 1);
		if (method.equals("GET")) {
			return client.get(path);
		}
		if (path.equals("/workflows")) {
			return client.postJson(path, csrf, "{}");
		}
		return client.postForm(path, csrf, Map.of());
	}

	@Test
	void pagesCarryAStrictContentSecurityPolicyAndFramingIsRefused() {
		PageSessionClient client = new PageSessionClient(port);
		client.signIn(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD);
		HttpResponse<String> overview = client.get("/overview");
		String csp = overview.headers().firstValue("Content-Security-Policy").orElse("");
		assertThat(csp).contains("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
			.doesNotContain("unsafe-inline", "unsafe-eval");
		assertThat(overview.headers().firstValue("X-Frame-Options")).contains("DENY");
		assertThat(overview.body()).doesNotContain("<script>").doesNotContainPattern("\\son[a-z]+=");
	}

	@Test
	void aSessionCookieIsHttpOnlyStrictAndSignOutClearsIt() {
		PageSessionClient client = new PageSessionClient(port);
		String csrf = null;
		HttpResponse<String> signedIn = client.signIn(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD);
		String setCookie = signedIn.headers().allValues("Set-Cookie").stream()
			.filter(c -> c.startsWith(io.atrium.access.PageSessions.COOKIE + "="))
			.findFirst()
			.orElseThrow();
		assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/");
		csrf = client.csrfToken();
		HttpResponse<String> out = client.postForm("/logout", csrf, Map.of());
		assertThat(out.statusCode()).isEqualTo(302);
		assertThat(client.get("/overview").statusCode()).isEqualTo(302);
	}

	@Test
	void aWrongPasswordSetsNoCookieAndAPostWithoutCsrfTokenIsRefused() {
		PageSessionClient client = new PageSessionClient(port);
		assertThat(client.signIn(HttpApi.ADMIN, "wrong-password").statusCode()).isEqualTo(401);
		assertThat(client.hasSessionCookie()).isFalse();

		client.signIn(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD);
		assertThat(client.postForm("/customers/CUST-PAGES/edit", null, Map.of("city", "Hangzhou")).statusCode())
			.isEqualTo(403);
		HttpApi.Response customer = api.get("/api/customers/CUST-PAGES", api.adminToken());
		assertThat(customer.json().path("city").isMissingNode() || customer.json().path("city").isNull()).isTrue();
	}

	@Test
	void aForgedSessionCookieIsNotAccepted() throws Exception {
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		String forged = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJhdHJpdW0iLCJzdWIiOiJhZG1pbiIsInJvbGUiOiJBRE1JTiIsImV4cCI6NDEwMjQ0NDgwMH0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
		HttpResponse<String> response = http.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + port + "/overview"))
			.header("Cookie", io.atrium.access.PageSessions.COOKIE + "=" + forged)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(302);
	}
}
