package io.atrium.journey;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChurnTrainingUnitTests {

	static final LocalDate CUTOFF = LocalDate.of(2026, 9, 1);

	@Test
	void computesAucAsTheShareOfCorrectlyOrderedPairs() {
		List<ChurnModelTraining.Example> examples = List.of(example(true, 0.9), example(true, 0.4),
				example(false, 0.5), example(false, 0.1));
		assertThat(ChurnModelTraining.auc(examples, e -> e.features().amount365())).isEqualTo(0.75);
		assertThat(ChurnModelTraining.auc(examples, e -> 1)).isEqualTo(0.5);
	}

	@Test
	void labelsACustomerLapsedWithoutVisitOrPurchaseInTheSixtyDaysAfterTheCutoff() {
		NavigableMap<LocalDate, DayActivity> days = new TreeMap<>();
		days.put(CUTOFF.minusDays(10), new DayActivity(1, 1, 0, 0, BigDecimal.ZERO));
		days.put(CUTOFF.plusDays(20), new DayActivity(1, 0, 1, 0, BigDecimal.ZERO));
		UUID id = UUID.randomUUID();

		assertThat(ChurnModelTraining.example(id, days, CUTOFF)).get()
			.satisfies(e -> assertThat(e.lapsed()).isTrue())
			.satisfies(e -> assertThat(e.features().daysSinceLastActive()).isEqualTo(10));

		days.put(CUTOFF.plusDays(59), new DayActivity(1, 1, 0, 0, BigDecimal.ZERO));
		assertThat(ChurnModelTraining.example(id, days, CUTOFF)).get()
			.satisfies(e -> assertThat(e.lapsed()).isFalse());
		assertThat(ChurnModelTraining.example(id, days, CUTOFF.minusDays(11))).isEmpty();
	}

	@Test
	void splitsTheIdSpaceIntoOrderedRanges() {
		assertThat(JourneyRecompute.bound(1, 2).toString()).startsWith("7fffffff");
		assertThat(JourneyRecompute.bound(0, 3).toString()).isEqualTo("00000000-0000-0000-0000-000000000000");
		assertThat(JourneyRecompute.bound(2, 3).toString()).startsWith("aaaaaaaa");
	}

	static ChurnModelTraining.Example example(boolean lapsed, double score) {
		ActivityFeatures features = new ActivityFeatures(0, 0, 0, 0, 0, 0, 0, score, 0, new int[8]);
		return new ChurnModelTraining.Example(UUID.randomUUID(), features, lapsed);
	}
}
