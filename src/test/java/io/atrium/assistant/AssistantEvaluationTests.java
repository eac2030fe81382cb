package io.atrium.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.atrium.demo.MallStore;
import io.atrium.demo.SyntheticMall;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import com.fasterxml.jackson.annotation.JsonInclude;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the evaluation set ({@code eval.tsv}: a question, or follow-ups joined by {@code >>}, then the expected
 * interpretation of the last one) with the clock fixed at 2026-11-24 10:00 in Shanghai and the demo mall's store
 * names, prints the accuracy, and fails below 95% exact match.
 */
class AssistantEvaluationTests {

	static final Clock CLOCK = Clock.fixed(OffsetDateTime.parse("2026-11-24T10:00:00+08:00").toInstant(),
			io.atrium.shared.DateRange.MALL_ZONE);

	static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.changeDefaultPropertyInclusion(include -> include.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	static Vocabulary vocabulary() {
		List<MallStore> stores = SyntheticMall.of(7L, 1, CLOCK).stores();
		return new Vocabulary(stores.stream().map(store -> new Vocabulary.Named(store.id(), store.name())).toList(),
				stores.stream().map(MallStore::category).distinct().sorted().toList(),
				List.of(new Vocabulary.Named("5b0c6a0e-0000-4000-8000-000000000001", "Weekend shoppers"),
						new Vocabulary.Named("5b0c6a0e-0000-4000-8000-000000000002", "Gold card holders")),
				List.of("CNY2026", "WOMENSDAY2026", "MIDYEAR618_2026", "SUMMER2026", "GOLDENWEEK2026", "DOUBLE11_2026"));
	}

	record Case(int line, String question, String expected) {
	}

	static List<Case> cases(String file) throws IOException {
		List<Case> cases = new ArrayList<>();
		try (InputStream in = AssistantEvaluationTests.class.getResourceAsStream(file)) {
			String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
			for (int n = 0; n < lines.length; n++) {
				String line = lines[n].strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				String[] parts = line.split("\t");
				assertThat(parts).as("line %d: question<TAB>json", n + 1).hasSize(2);
				cases.add(new Case(n + 1, parts[0].strip(), parts[1].strip()));
			}
		}
		return cases;
	}

	static JsonNode interpret(Understanding understanding, String questions) {
		Interpretation context = null;
		for (String question : questions.split(">>")) {
			context = understanding.understand(question.strip(), context, vocabulary(), Definitions.DEFAULTS);
		}
		return JSON.readTree(JSON.writeValueAsString(context));
	}

	@Test
	void understandsAtLeast95PercentOfTheEvaluationSetExactly() throws IOException {
		List<Case> cases = cases("eval.tsv");
		BigDecimal accuracy = accuracy("evaluation set", cases);
		assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
		assertThat(accuracy).isGreaterThanOrEqualTo(new BigDecimal("95.0"));
	}

	@Test
	void understandsMostOfTheHeldOutQuestions() throws IOException {
		List<Case> cases = cases("eval-holdout.tsv");
		BigDecimal accuracy = accuracy("held-out questions", cases);
		assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
		assertThat(accuracy).isGreaterThanOrEqualTo(new BigDecimal("80.0"));
	}

	static BigDecimal accuracy(String name, List<Case> cases) {
		Understanding understanding = new Understanding(CLOCK);
		List<String> misses = new ArrayList<>();
		for (Case c : cases) {
			JsonNode actual = interpret(understanding, c.question());
			JsonNode expected = JSON.readTree(c.expected());
			if (!expected.has("filters")) {
				((tools.jackson.databind.node.ObjectNode) expected).putObject("filters");
			}
			if (!expected.has("unknown_terms")) {
				((tools.jackson.databind.node.ObjectNode) expected).putArray("unknown_terms");
			}
			if (!actual.equals(expected)) {
				misses.add("line " + c.line() + ": " + c.question() + "\n  expected " + expected + "\n  actual   " + actual);
			}
		}
		BigDecimal accuracy = BigDecimal.valueOf((cases.size() - misses.size()) * 100.0 / cases.size())
			.setScale(1, java.math.RoundingMode.HALF_UP);
		System.out.println("assistant " + name + ": " + (cases.size() - misses.size()) + "/" + cases.size()
				+ " exact matches = " + accuracy + "%");
		misses.forEach(System.out::println);
		return accuracy;
	}
}
