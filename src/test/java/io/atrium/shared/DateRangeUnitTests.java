package io.atrium.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DateRangeUnitTests {

	static Clock at(String offsetDateTime) {
		return Clock.fixed(OffsetDateTime.parse(offsetDateTime).toInstant(), DateRange.MALL_ZONE);
	}

	static final Clock NOV_24 = at("2026-11-24T10:00:00+08:00");

	@ParameterizedTest(name = "{0} at {1} is {2}..{3}")
	@CsvSource({ "7d, 2026-11-24T10:00+08:00, 2026-11-18, 2026-11-24",
			"30d, 2026-11-24T10:00+08:00, 2026-10-26, 2026-11-24",
			"90d, 2026-11-24T10:00+08:00, 2026-08-27, 2026-11-24",
			"1y, 2026-11-24T10:00+08:00, 2025-11-25, 2026-11-24",
			"today, 2026-11-24T10:00+08:00, 2026-11-24, 2026-11-24",
			"mtd, 2026-11-24T10:00+08:00, 2026-11-01, 2026-11-24",
			"qtd, 2026-11-24T10:00+08:00, 2026-10-01, 2026-11-24",
			"ytd, 2026-11-24T10:00+08:00, 2026-01-01, 2026-11-24",
			"7d, 2026-03-02T09:00+08:00, 2026-02-24, 2026-03-02",
			"30d, 2024-03-01T09:00+08:00, 2024-02-01, 2024-03-01", "30d, 2025-03-01T09:00+08:00, 2025-01-31, 2025-03-01",
			"1y, 2024-02-29T09:00+08:00, 2023-03-01, 2024-02-29",
			"mtd, 2026-03-01T09:00+08:00, 2026-03-01, 2026-03-01",
			"qtd, 2026-03-31T23:59+08:00, 2026-01-01, 2026-03-31",
			"qtd, 2026-04-01T00:00+08:00, 2026-04-01, 2026-04-01",
			"qtd, 2026-12-31T12:00+08:00, 2026-10-01, 2026-12-31",
			"ytd, 2026-12-31T23:59+08:00, 2026-01-01, 2026-12-31",
			"today, 2026-01-01T00:30+08:00, 2026-01-01, 2026-01-01",
			"ytd, 2026-01-01T00:30+08:00, 2026-01-01, 2026-01-01",
			"mtd, 2026-01-01T00:30+08:00, 2026-01-01, 2026-01-01",
			"7d, 2026-01-01T00:30+08:00, 2025-12-26, 2026-01-01" })
	void resolvesEachPresetInTheMallsZone(String preset, String now, LocalDate from, LocalDate to) {
		DateRange range = DateRange.preset(preset, at(now));

		assertThat(range.from()).isEqualTo(from);
		assertThat(range.to()).isEqualTo(to);
		assertThat(range.zone()).isEqualTo(DateRange.MALL_ZONE);
	}

	@Test
	void countsDaysInShanghaiWhenUtcIsStillTheDayBefore() {
		Clock clock = at("2026-01-01T00:30:00+08:00");
		assertThat(LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)).isEqualTo("2025-12-31");

		DateRange today = DateRange.preset("today", clock);

		assertThat(today.from()).isEqualTo("2026-01-01");
		assertThat(today.start()).isEqualTo(Instant.parse("2025-12-31T16:00:00Z"));
		assertThat(today.endExclusive()).isEqualTo(Instant.parse("2026-01-01T16:00:00Z"));
		assertThat(today.contains(Instant.parse("2025-12-31T16:30:00Z"))).isTrue();
		assertThat(today.contains(Instant.parse("2025-12-31T15:59:59Z"))).isFalse();
	}

	@ParameterizedTest(name = "{0}..{1} follows {2}..{3}")
	@CsvSource({ "2026-11-18, 2026-11-24, 2026-11-11, 2026-11-17", "2026-11-01, 2026-11-24, 2026-10-08, 2026-10-31",
			"2026-01-01, 2026-01-01, 2025-12-31, 2025-12-31", "2024-03-01, 2024-03-31, 2024-01-30, 2024-02-29",
			"2025-11-25, 2026-11-24, 2024-11-25, 2025-11-24" })
	void previousRangeHasEqualLengthAndEndsTheDayBefore(LocalDate from, LocalDate to, LocalDate previousFrom,
			LocalDate previousTo) {
		DateRange range = DateRange.of(from, to);

		DateRange previous = range.previous();

		assertThat(previous.from()).isEqualTo(previousFrom);
		assertThat(previous.to()).isEqualTo(previousTo);
		assertThat(previous.days()).isEqualTo(range.days());
		assertThat(previous.endExclusive()).isEqualTo(range.start());
	}

	@Test
	void acceptsACustomRangeInclusiveOfBothDays() {
		DateRange range = DateRange.parse(null, "2026-02-01", "2026-02-28", NOV_24);

		assertThat(range).isEqualTo(DateRange.of(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28")));
		assertThat(range.days()).isEqualTo(28);
		assertThat(DateRange.parse(null, "2026-02-01", "2026-02-01", NOV_24).days()).isEqualTo(1);
	}

	@Test
	void defaultsToThirtyDaysWithoutAFilter() {
		assertThat(DateRange.parse(null, "", null, NOV_24)).isEqualTo(DateRange.preset("30d", NOV_24));
	}

	@Test
	void presetCodesAreCaseInsensitive() {
		assertThat(DateRange.parse(" YTD ", null, null, NOV_24).from()).isEqualTo("2026-01-01");
	}

	@ParameterizedTest(name = "preset={0} from={1} to={2} names {3}")
	@CsvSource(nullValues = "null", value = { "2w, null, null, preset", "7d, 2026-01-01, null, preset",
			"null, 2026-01-01, null, to", "null, null, 2026-01-01, from", "null, 2026-13-01, 2026-12-01, from",
			"null, 2026-01-01, yesterday, to", "null, 2026-02-02, 2026-02-01, to",
			"null, 2023-01-01, 2026-01-01, to" })
	void refusesBadFiltersNamingTheParameter(String preset, String from, String to, String field) {
		assertThatThrownBy(() -> DateRange.parse(preset, from, to, NOV_24)).isInstanceOfSatisfying(
				InvalidInput.class, problem -> {
					assertThat(problem.status()).isEqualTo(422);
					assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly(field);
				});
	}

	@Test
	void acceptsAlmostThreeYears() {
		assertThat(DateRange.parse(null, "2023-01-02", "2026-01-01", NOV_24).days()).isEqualTo(1096);
	}

	@Test
	void refusesAnInvertedRangeWhenBuiltDirectly() {
		assertThatThrownBy(() -> DateRange.of(LocalDate.parse("2026-01-02"), LocalDate.parse("2026-01-01")))
			.isInstanceOf(IllegalArgumentException.class);
	}
}
