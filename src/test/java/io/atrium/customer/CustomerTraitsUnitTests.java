package io.atrium.customer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.atrium.shared.InvalidInput;
import io.atrium.shared.Problem.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CustomerTraitsUnitTests {

	@Test
	void acceptsScalarsAndArraysOfScalars() {
		Violations violations = violations();
		Traits.validate(Map.of("store", "Zara", "visits", 3, "spend", 12.5, "vip", true, "tags", List.of("a", 1)),
				false, violations);
		assertThatNoException().isThrownBy(violations::throwIfAny);
	}

	@Test
	void refusesBadKeysObjectsNestedArraysAndNullsOutsideAPatch() {
		Map<String, Object> traits = new LinkedHashMap<>();
		traits.put("Bad-Key", 1);
		traits.put("nested", Map.of("a", 1));
		traits.put("deep", List.of(List.of(1)));
		traits.put("gone", null);
		traits.put("long", "x".repeat(Traits.MAX_STRING + 1));
		Violations violations = violations();

		Traits.validate(traits, false, violations);

		assertThat(fields(violations)).containsExactly("traits.Bad-Key", "traits.nested", "traits.deep", "traits.gone",
				"traits.long");
	}

	@Test
	void allowsNullInAPatchAndMergesByKey() {
		Map<String, Object> patch = new LinkedHashMap<>();
		patch.put("drop", null);
		patch.put("add", "y");
		Violations violations = violations();
		Traits.validate(patch, true, violations);

		assertThat(violations.isEmpty()).isTrue();
		assertThat(Traits.merge(Map.of("keep", 1, "drop", 2), patch)).containsOnly(Map.entry("keep", 1),
				Map.entry("add", "y"));
	}

	@Test
	void refusesMoreThanAHundredTraits() {
		Map<String, Object> many = IntStream.range(0, 101).boxed().collect(Collectors.toMap(i -> "t" + i, i -> i));
		Violations violations = violations();
		Traits.validate(many, false, violations);
		assertThat(fields(violations)).containsExactly("traits");
	}

	@ParameterizedTest
	@CsvSource({ "favouriteStore,favourite_store", "Last Visit,last_visit", "'  _42 lucky-number',lucky_number",
			"ALLCAPS,allcaps", "a.b.c,a_b_c" })
	void repairsKeysFromIngestion(String raw, String expected) {
		assertThat(Traits.sanitizeKey(raw)).contains(expected);
	}

	@ParameterizedTest
	@CsvSource({ "'123'", "'___'", "'中文'", "''" })
	void dropsKeysWithNothingUsable(String raw) {
		assertThat(Traits.sanitizeKey(raw)).isEmpty();
	}

	@Test
	void sanitizingDropsUnusableValuesAndKeepsRoomForAHundredKeys() {
		Map<String, Object> raw = new LinkedHashMap<>();
		raw.put("nested", Map.of("a", 1));
		raw.put("mixed", List.of(1, Map.of()));
		raw.put("ok", List.of("a"));
		raw.put("removed", null);
		Map<String, Object> current = IntStream.range(0, 99).boxed().collect(Collectors.toMap(i -> "t" + i, i -> i));
		raw.put("first_new", 1);
		raw.put("second_new", 2);
		raw.put("t1", "updated");

		Map<String, Object> sanitized = Traits.sanitize(raw, current);

		assertThat(sanitized).containsOnlyKeys("removed", "t1", "ok");
		assertThat(Traits.merge(current, sanitized)).hasSize(100);
	}

	private static Violations violations() {
		return new Violations(CustomerTexts.standalone());
	}

	private static List<String> fields(Violations violations) {
		InvalidInput problem = catchThrowableOfType(InvalidInput.class, violations::throwIfAny);
		return problem.errors().stream().map(FieldError::field).toList();
	}
}
