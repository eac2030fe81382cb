package io.atrium.assistant;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The optional LLM layer against a local OpenAI-compatible server (JDK HttpServer): a question the engine does not
 * understand is answered by the model calling the {@code metric_value} tool, then a final message that quotes the
 * tool's result; the number in the answer is analytics' number. Understood questions are only rephrased, and a
 * rephrasing that changes a number is refused.
 */
@SpringBootTest(properties = "atrium.clock.fixed=2026-11-24T10:00:00+08:00")
@AutoConfigureMockMvc
class AssistantLanguageModelIntegrationTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();

	static volatile boolean inventNumbers;

	static final HttpServer SERVER = start();

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void languageModel(DynamicPropertyRegistry registry) {
		registry.add("atrium.assistant.llm.base-url", () -> "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/v1");
		registry.add("atrium.assistant.llm.model", () -> "local-test-model");
	}

	@AfterAll
	static void stop() {
		SERVER.stop(0);
	}

	static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/v1/chat/completions", AssistantLanguageModelIntegrationTests::complete);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void complete(HttpExchange exchange) throws IOException {
		JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
		REQUESTS.add(request);
		JsonNode messages = request.get("messages");
		JsonNode lastMessage = messages.get(messages.size() - 1);
		ObjectNode message = JSON.createObjectNode().put("role", "assistant");
		String finish = "stop";
		if (request.has("tools") && !"tool".equals(lastMessage.get("role").stringValue())) {
			message.putNull("content");
			ArrayNode calls = message.putArray("tool_calls");
			calls.addObject()
				.put("id", "call_1")
				.put("type", "function")
				.putObject("function")
				.put("name", "metric_value")
				.put("arguments", "{\"metric\":\"revenue\",\"from\":\"2026-10-01\",\"to\":\"2026-10-31\"}");
			finish = "tool_calls";
		}
		else if (request.has("tools")) {
			message.put("content", "Here is what the data says. " + lastMessage.get("content").stringValue());
		}
		else {
			String original = lastMessage.get("content").stringValue();
			message.put("content", inventNumbers ? "Revenue was 99,999,999.99." : "In short: " + original);
		}
		ObjectNode response = JSON.createObjectNode()
			.put("id", "chatcmpl-1")
			.put("object", "chat.completion")
			.put("created", 0)
			.put("model", "local-test-model");
		response.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).set("message", message);
		response.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1).put("total_tokens", 2);
		byte[] body = JSON.writeValueAsBytes(response);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Test
	void answersAFreeFormQuestionThroughAToolCallWithAnalyticsNumbers() throws Exception {
		REQUESTS.clear();
		JsonNode reply = chat("How did the golden autumn fare for us?");
		JsonNode insights = JSON.readTree(mvc.perform(get("/api/analytics/customer-insights?from=2026-10-01&to=2026-10-31")
			.with(user("analyst").roles("ANALYST"))).andReturn().getResponse().getContentAsByteArray());

		assertThat(REQUESTS).hasSize(2);
		assertThat(REQUESTS.get(0).get("tools").toString()).contains("metric_value", "top_stores");
		assertThat(REQUESTS.get(1).get("messages").toString()).contains("\"role\":\"tool\"");
		assertThat(reply.at("/interpretation/intent").stringValue()).isEqualTo("metric_value");
		assertThat(reply.at("/interpretation/date_range/from").stringValue()).isEqualTo("2026-10-01");
		assertThat(reply.at("/data/rows/0/3").decimalValue())
			.isEqualByComparingTo(insights.at("/metrics/revenue/value").decimalValue());
		assertThat(reply.get("answer").stringValue()).startsWith("Here is what the data says.")
			.contains("¥" + String.format(java.util.Locale.US, "%,.2f", insights.at("/metrics/revenue/value").decimalValue()));
	}

	@Test
	void rephrasesUnderstoodAnswersButRefusesInventedNumbers() throws Exception {
		inventNumbers = false;
		JsonNode rephrased = chat("revenue last month");
		assertThat(rephrased.get("answer").stringValue()).startsWith("In short: Revenue, 2026-10-01 to 2026-10-31:");

		inventNumbers = true;
		JsonNode kept = chat("revenue last month");
		assertThat(kept.get("answer").stringValue()).startsWith("Revenue, 2026-10-01 to 2026-10-31:")
			.doesNotContain("99,999,999.99");
		inventNumbers = false;
	}

	JsonNode chat(String query) throws Exception {
		MvcResult result = mvc.perform(post("/api/chat/chat").with(user("analyst").roles("ANALYST"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(java.util.Map.of("query", query)))).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		return JSON.readTree(result.getResponse().getContentAsByteArray());
	}
}
