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
				  {"type": "score", "score": "loyalty", "op": "gte", "value": 50},
				  {"type": "purchase_amount", "window_days": 0, "op": "gte", "value": 5000, "sql": "drop table customer"}]}
				"""))
			.isInstanceOfSatisfying(InvalidInput.class, problem -> assertThat(problem.errors())
				.extracting(error -> error.field())
				.containsExactlyInAnyOrder("rule.children[0].field", "rule.children[1].op", "rule.children[2].score",
						"rule.children[3].sql", "rule.children[3].window_days"));
	}

	@Test
	void compilesStageAndScoreNodesWithValuesAsParameters() {
		SegmentRules.Compiled compiled = compile("""
				{"type": "or", "children": [
				  {"type": "lifecycle_stage", "stage": ["purchase", "retention"]},
				  {"type": "score", "score": "composite", "op": "gte", "value": 60}]}
				""");
		assertThat(compiled.predicate()).contains("segment_standing").contains("s.stage = any(?)")
			.contains("s.composite").doesNotContain("purchase").doesNotContain("60");
		assertThat(compiled.parameters()).hasSize(2);
		assertThat((String[]) compiled.parameters().get(0)).containsExactly("purchase", "retention");
		assertThat(compiled.parameters().get(1)).isEqualTo(new java.math.BigDecimal("60"));
		assertThat(compiled.usesStage()).isTrue();
		assertThat(compiled.usesScores()).isTrue();
		assertThat(compiled.windows()).isEmpty();
		assertThat(compile("{\"type\": \"lifecycle_stage\", \"stage\": \"awareness\"}").usesScores()).isFalse();
	}

	@Test
	void refusesUnknownStagesScoresAndOutOfRangeValues() {
		assertThatThrownBy(() -> compile("""
				{"type": "and", "children": [
				  {"type": "lifecycle_stage", "stage": "loyal"},
				  {"type": "lifecycle_stage", "stage": 3},
				  {"type": "score", "score": "churn", "op": "gte", "value": 1},
				  {"type": "score", "score": "composite", "op": "gte", "value": 101},
				  {"type": "score", "score": "composite", "op": "about", "value": 1}]}
				"""))
			.isInstanceOfSatisfying(InvalidInput.class, problem -> assertThat(problem.errors())
				.extracting(error -> error.field())
				.containsExactlyInAnyOrder("rule.children[0].stage", "rule.children[1].stage", "rule.children[2].score",
						"rule.children[3].value", "rule.children[4].op"));
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
