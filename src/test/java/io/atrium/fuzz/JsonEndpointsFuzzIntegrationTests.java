package io.atrium.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Feeds arbitrary bytes, as JSON bodies and as query strings, to every endpoint that accepts JSON and checks
 * that none answers with a 5xx and every error is problem+json. Runs its seed inputs in every build
 * (regression mode); {@code JAZZER_FUZZ=1} turns on coverage-guided fuzzing for the configured duration.
 */
@SpringBootTest
@AutoConfigureMockMvc
class JsonEndpointsFuzzIntegrationTests {

	/** Endpoints that take a JSON body, with an authorised role for each. */
	static final List<Target> TARGETS = List.of(new Target("POST", "/api/auth/token", null),
			new Target("POST", "/api/admin/users", "ADMIN"), new Target("PATCH", "/api/admin/users/admin", "ADMIN"),
			new Target("POST", "/api/admin/tokens", "ADMIN"), new Target("POST", "/api/admin/write-keys", "ADMIN"),
			new Target("POST", "/api/customers", "MARKETER"), new Target("PATCH", "/api/customers/CUST001", "MARKETER"),
			new Target("POST", "/api/customers/CUST001/consents", "MARKETER"),
			new Target("POST", "/api/journey/touchpoints/track", "MARKETER"),
			new Target("POST", "/api/touchpoints/batch", "MARKETER"), new Target("POST", "/v1/track", "WRITE_KEY"),
			new Target("POST", "/v1/identify", "WRITE_KEY"), new Target("POST", "/v1/batch", "WRITE_KEY"),
			new Target("POST", "/v1/alias", "WRITE_KEY"), new Target("POST", "/v1/page", "WRITE_KEY"));

	/** Read endpoints whose query strings are fuzzed. */
	static final List<String> QUERIES = List.of("/api/customers", "/api/audit", "/api/jobs",
			"/api/customers/CUST001/touchpoints", "/api/customers/CUST001/consents");

	record Target(String method, String path, String role) {
	}

	@Autowired
	MockMvc mvc;

	@FuzzTest(maxDuration = "60s")
	void neverAnswersWithServerError(FuzzedDataProvider data) throws Exception {
		boolean query = data.consumeBoolean();
		MvcResult result;
		if (query) {
			String path = QUERIES.get(data.consumeInt(0, QUERIES.size() - 1));
			String raw = data.consumeRemainingAsString();
			result = mvc.perform(request(HttpMethod.GET, path + "?" + raw.replace("#", "%23"))
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.user("fuzzer")
					.roles("ADMIN"))).andReturn();
		}
		else {
			Target target = TARGETS.get(data.consumeInt(0, TARGETS.size() - 1));
			byte[] body = data.consumeBoolean() ? utf8(FuzzedJson.object(data, 0)) : data.consumeRemainingAsBytes();
			var request = request(HttpMethod.valueOf(target.method()), target.path())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body);
			if (target.role() != null) {
				request.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.user("fuzzer")
					.roles(target.role()));
			}
			result = mvc.perform(request).andReturn();
		}
		int status = result.getResponse().getStatus();
		assertThat(status).as("status for %s", result.getRequest().getRequestURI()).isLessThan(500);
		if (status >= 400) {
			assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		}
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
