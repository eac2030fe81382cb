package io.atrium.assistant;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.atrium.assistant.Interpretation.Period;
import io.atrium.shared.DateRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The optional language-model layer (LangChain4j against any OpenAI-compatible URL), off unless
 * {@code atrium.assistant.llm.base-url} is set. It rephrases answers and handles questions the engine did not
 * understand by letting the model call the same typed functions as tools. It is never the source of a number: a
 * model text is used only when every number in it appears in the deterministic answer or the tool results;
 * otherwise, and on any model failure, the deterministic answer stands.
 */
@Component
class LanguageModelLayer {

	private static final Logger log = LoggerFactory.getLogger(LanguageModelLayer.class);

	static final int MAX_TOOL_ROUNDS = 3;

	private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");

	private static final Set<String> METRICS = Set.of("revenue", "visits", "purchases", "active_customers",
			"new_customers", "returning_customers", "lapsed_customers", "average_order_value", "purchase_frequency",
			"retention_rate");

	private final ChatModel model;

	private final JsonMapper json;

	LanguageModelLayer(AssistantSettings settings, JsonMapper json) {
		this.json = json;
		AssistantSettings.Llm llm = settings.llm();
		this.model = !llm.enabled() ? null
				: OpenAiChatModel.builder()
					.baseUrl(llm.baseUrl())
					.apiKey(llm.apiKey() == null || llm.apiKey().isBlank() ? "not-needed" : llm.apiKey())
					.modelName(llm.model() == null || llm.model().isBlank() ? "gpt-4o-mini" : llm.model())
					.timeout(Duration.ofSeconds(30))
					.maxRetries(0)
					.build();
	}

	boolean enabled() {
		return model != null;
	}

	/** A free-form question answered through a tool: what the tool was asked, and the worded answer. */
	record ToolAnswer(Interpretation interpretation, Answering.Reply reply, String answer) {
	}

	/**
	 * Lets the model pick a typed function for a question the engine did not understand.
	 * @param question the question
	 * @param today the clock's date, told to the model so it can resolve dates
	 * @param tools answers an interpretation (the same functions the engine uses)
	 * @return the answer, or empty when the layer is off, the model called no valid tool or failed
	 */
	Optional<ToolAnswer> answerFreeForm(String question, LocalDate today,
			Function<Interpretation, Answering.Reply> tools) {
		if (model == null) {
			return Optional.empty();
		}
		try {
			List<ChatMessage> messages = new ArrayList<>();
			messages.add(SystemMessage.from("You answer questions about a shopping mall's data. Today is " + today
					+ ". Use the tools for every figure; never state a number that a tool did not return."));
			messages.add(UserMessage.from(question));
			ToolAnswer last = null;
			for (int round = 0; round < MAX_TOOL_ROUNDS; round++) {
				AiMessage reply = model.chat(ChatRequest.builder().messages(messages).toolSpecifications(tools()).build())
					.aiMessage();
				if (!reply.hasToolExecutionRequests()) {
					if (last == null) {
						return Optional.empty();
					}
					String text = reply.text();
					boolean grounded = text != null && !text.isBlank()
							&& numbersIn(text).stream().allMatch(numbersIn(last.reply().answer())::contains);
					return Optional.of(new ToolAnswer(last.interpretation(), last.reply(),
							grounded ? text.strip() : last.reply().answer()));
				}
				messages.add(reply);
				for (ToolExecutionRequest call : reply.toolExecutionRequests()) {
					Optional<Interpretation> interpretation = interpretation(call);
					String result;
					if (interpretation.isEmpty()) {
						result = "error: unknown tool or invalid arguments";
					}
					else {
						Answering.Reply answered = tools.apply(interpretation.get());
						last = new ToolAnswer(interpretation.get(), answered, answered.answer());
						result = answered.answer();
					}
					messages.add(ToolExecutionResultMessage.from(call, result));
				}
			}
			return Optional.ofNullable(last);
		}
		catch (RuntimeException ex) {
			log.warn("language model unavailable, answering without it: {}", ex.toString());
			return Optional.empty();
		}
	}

	/**
	 * @param answer the deterministic answer
	 * @param locale its language
	 * @return the model's rewording when it keeps exactly the answer's numbers, else {@code answer}
	 */
	String rephrase(String answer, Locale locale) {
		if (model == null) {
			return answer;
		}
		try {
			String text = model.chat(ChatRequest.builder()
				.messages(List.of(SystemMessage.from("Rephrase the analytics answer for a mall manager in "
						+ locale.getDisplayLanguage(Locale.ENGLISH)
						+ ". Keep every number exactly as written; add no other numbers."), UserMessage.from(answer)))
				.build()).aiMessage().text();
			if (text == null || text.isBlank() || !numbersIn(text).equals(numbersIn(answer))) {
				return answer;
			}
			return text.strip();
		}
		catch (RuntimeException ex) {
			log.warn("language model unavailable, answering without it: {}", ex.toString());
			return answer;
		}
	}

	static Set<String> numbersIn(String text) {
		Set<String> numbers = new java.util.TreeSet<>();
		Matcher matcher = NUMBER.matcher(text);
		while (matcher.find()) {
			numbers.add(matcher.group().replace(",", ""));
		}
		return numbers;
	}

	static List<ToolSpecification> tools() {
		return List.of(ToolSpecification.builder()
			.name("metric_value")
			.description("One mall metric over a date range, with the previous period for comparison")
			.parameters(JsonObjectSchema.builder()
				.addStringProperty("metric", "one of " + String.join(", ", new java.util.TreeSet<>(METRICS)))
				.addStringProperty("from", "first day, ISO yyyy-mm-dd")
				.addStringProperty("to", "last day, ISO yyyy-mm-dd")
				.required("metric", "from", "to")
				.build())
			.build(),
				ToolSpecification.builder()
					.name("top_stores")
					.description("Stores ranked by revenue, visits or purchases over a date range")
					.parameters(JsonObjectSchema.builder()
						.addStringProperty("metric", "revenue, visits or purchases")
						.addStringProperty("from", "first day, ISO yyyy-mm-dd")
						.addStringProperty("to", "last day, ISO yyyy-mm-dd")
						.addIntegerProperty("limit", "how many stores, 1 to 50")
						.required("metric", "from", "to")
						.build())
					.build());
	}

	/** Turns a tool call into the typed interpretation the engine would have produced; empty when invalid. */
	Optional<Interpretation> interpretation(ToolExecutionRequest call) {
		JsonNode args;
		try {
			args = json.readTree(call.arguments() == null ? "{}" : call.arguments());
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
		String metric = args.path("metric").asString("");
		Optional<Period> period = period(args.path("from").asString(""), args.path("to").asString(""));
		if (period.isEmpty()) {
			return Optional.empty();
		}
		switch (call.name() == null ? "" : call.name()) {
			case "metric_value":
				if (!METRICS.contains(metric)) {
					return Optional.empty();
				}
				return Optional.of(new Interpretation("metric_value", metric, null, period.get(), null, new TreeMap<>(),
						null, null, null, List.of()));
			case "top_stores":
				if (!Set.of("revenue", "visits", "purchases").contains(metric)) {
					return Optional.empty();
				}
				int limit = Math.max(1, Math.min(50, args.path("limit").asInt(10)));
				return Optional.of(new Interpretation("ranking", metric, "stores", period.get(), null, new TreeMap<>(),
						null, limit, "desc", List.of()));
			default:
				return Optional.empty();
		}
	}

	private static Optional<Period> period(String from, String to) {
		try {
			LocalDate first = LocalDate.parse(from);
			LocalDate last = LocalDate.parse(to);
			if (last.isBefore(first) || !last.isBefore(first.plusYears(DateRange.MAX_YEARS))) {
				return Optional.empty();
			}
			return Optional.of(new Period(first, last, null));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}
}
