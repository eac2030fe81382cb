package io.atrium.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.LinkedHashMap;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Feeds arbitrary question texts (and conversation ids and cursors) to {@code POST /api/chat/chat}, encoded as
 * valid JSON so the fuzzing reaches the understanding engine rather than the JSON parser, and checks that no
 * answer is a 5xx and every error is problem+json. Replays the committed corpus in every build; {@code
 * -Djazzer.fuzz=1} turns on coverage-guided fuzzing for the configured duration.
 */
@SpringBootTest(properties = "atrium.clock.fixed=2026-11-24T10:00:00+08:00")
@AutoConfigureMockMvc
class AssistantQueryFuzzIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@FuzzTest(maxDuration = "60s")
	void neverAnswersWithServerError(FuzzedDataProvider data) throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		int shape = data.consumeInt(0, 3);
		if (shape == 1) {
			body.put("conversation_id", data.consumeString(40));
		}
		if (shape == 2) {
			body.put("cursor", data.consumeString(80));
		}
		String query = data.consumeRemainingAsString();
		body.put("query", query);
		String first = ask(body);
		if (shape == 3 && first != null) {
			Map<String, Object> followUp = new LinkedHashMap<>();
			followUp.put("query", query.length() > 1 ? query.substring(query.length() / 2) : "and the month before?");
			followUp.put("conversation_id", first);
			ask(followUp);
		}
	}

	private String ask(Map<String, Object> body) throws Exception {
		MvcResult result = mvc.perform(post("/api/chat/chat").with(user("fuzzer").roles("ANALYST"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsBytes(body))).andReturn();
		int status = result.getResponse().getStatus();
		assertThat(status).as("status for %s", body).isLessThan(500);
		if (status >= 400) {
			assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
			return null;
		}
		return json.readTree(result.getResponse().getContentAsByteArray()).get("conversation_id").stringValue();
	}
}
