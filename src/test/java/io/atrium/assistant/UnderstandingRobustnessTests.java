package io.atrium.assistant;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded word soups from the grammar's own vocabulary (dates, numbers, names, cue words): understanding never
 * throws, every period it returns is ordered and ends no later than today unless a future date was named, and
 * every intent is one of the documented ones.
 */
class UnderstandingRobustnessTests {

	static final List<String> WORDS = List.of("between", "from", "and", "to", "since", "last", "past", "previous",
			"this", "the", "month", "week", "year", "quarter", "day", "days", "weeks", "months", "years", "before",
			"q1", "q4", "q9", "first", "second", "fourth", "of", "may", "february", "october", "december", "31", "30",
			"29", "0", "1", "15", "2025", "2026", "2100", "1999", "2026-02-30", "2026-10-01", "vs", "compared",
			"same", "period", "over", "yoy", "mom", "top", "bottom", "10", "ten", "stores", "revenue", "visits",
			"customers", "high-risk", "vip", "lapsed", "new", "members", "by", "channel", "stage", "daily", "trend",
			"how", "many", "only", "what", "about", "goals", "urban", "thread", "weekend", "shoppers", "double11",
			"yesterday", "today", "ytd", "999999", "3660", "that");

	static final List<String> INTENTS = List.of("metric_value", "comparison", "ranking", "distribution", "trend",
			"list_customers", "count_customers", "goal_progress", "unknown");

	@ParameterizedTest
	@ValueSource(longs = { 1L, 2L, 3L, 4L, 5L })
	void neverFailsOnWordSoupsAndKeepsPeriodsOrdered(long seed) {
		Understanding understanding = new Understanding(AssistantEvaluationTests.CLOCK);
		Vocabulary vocabulary = AssistantEvaluationTests.vocabulary();
		SplittableRandom random = new SplittableRandom(seed);
		Interpretation context = null;
		for (int n = 0; n < 4_000; n++) {
			List<String> words = new ArrayList<>();
			int length = 1 + random.nextInt(12);
			for (int k = 0; k < length; k++) {
				words.add(WORDS.get(random.nextInt(WORDS.size())));
			}
			String question = String.join(" ", words);
			Interpretation interpretation = understanding.understand(question, random.nextBoolean() ? context : null,
					vocabulary, Definitions.DEFAULTS);
			assertThat(INTENTS).as(question).contains(interpretation.intent());
			for (Interpretation.Period period : new Interpretation.Period[] { interpretation.dateRange(),
					interpretation.compareTo() }) {
				if (period != null) {
					assertThat(period.to()).as(question).isAfterOrEqualTo(period.from());
					assertThat(period.from().plusYears(io.atrium.shared.DateRange.MAX_YEARS).plusDays(1))
						.as(question).isAfter(period.to());
				}
			}
			context = interpretation;
		}
	}
}
