package io.atrium.segment;

import java.time.LocalDate;
import java.time.ZoneId;

import io.atrium.shared.InvalidInput;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentRulesUnitTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

	static final SegmentTexts TEXTS;

	static {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("i18n/segment");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		TEXTS = new SegmentTexts(messages);
	}

	static SegmentRules.Compiled compile(String rule) {
		return SegmentRules.compile(JSON.readTree(rule), TODAY, ZoneId.of("Asia/Shanghai"), TEXTS);
	}

	@Test
	void compilesUserValuesOnlyIntoParameters() {
		SegmentRules.Compiled compiled = compile("""
				{"type": "and", "children": [
				  {"type": "profile", "field": "city", "op": "eq", "value": "x' or '1'='1"},
				  {"type": "touchpoint_count", "touchpoint_type": "store_visit", "window_days": 30, "op": "gte", "value": 3}]}
				""");
		assertThat(compiled.predicate()).doesNotContain("x'").doesNotContain("store_visit").contains("p.city = ?");
		assertThat(compiled.parameters()).containsExactly("x' or '1'='1", "store_visit", LocalDate.of(2026, 11, 1),
				new java.math.BigDecimal("3"));
		assertThat(compiled.windows()).containsExactly(30);
	}

	@Test
	void namesEveryFaultByItsPath() {
		assertThatThrownBy(() -> compile("""
				{"type": "or", "children": [
				  {"type": "profile", "field": "password", "op": "eq", "value": "x"},
				  {"type": "trait", "key": "vip", "op": "matches", "value": ".*"},
				  {"type": "score", "score": "engagement", "op": "gte", "value": 50},
				  {"type": "purchase_amount", "window_days": 0, "op": "gte", "value": 5000, "sql": "drop table customer"}]}
				"""))
			.isInstanceOfSatisfying(InvalidInput.class, problem -> assertThat(problem.errors())
				.extracting(error -> error.field())
				.containsExactlyInAnyOrder("rule.children[0].field", "rule.children[1].op", "rule.children[2].type",
						"rule.children[3].sql", "rule.children[3].window_days"));
	}

	@Test
	void refusesTreesDeeperThanTheLimit() {
		String rule = "{\"type\": \"consent\", \"channel\": \"email\", \"status\": \"granted\"}";
		for (int i = 0; i < SegmentRules.MAX_DEPTH; i++) {
			rule = "{\"type\": \"not\", \"child\": " + rule + "}";
		}
		String deep = rule;
		assertThatThrownBy(() -> compile(deep)).isInstanceOfSatisfying(InvalidInput.class,
				problem -> assertThat(problem.errors()).singleElement()
					.satisfies(error -> assertThat(error.message()).contains("deeper than 8")));
	}
}
