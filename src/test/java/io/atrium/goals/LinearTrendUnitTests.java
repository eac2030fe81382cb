package io.atrium.goals;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LinearTrendUnitTests {

	@Test
	void projectsTheFittedLineOverTheRemainingDays() {
		// y = 10 + 10x fits exactly; days 4 and 5 add 50 + 60 to the 100 so far
		assertThat(LinearTrend.forecast(List.of(10.0, 20.0, 30.0, 40.0), 6)).isCloseTo(210.0, within(1e-9));
	}

	@Test
	void keepsAFlatRateFlat() {
		assertThat(LinearTrend.forecast(List.of(100.0, 100.0, 100.0), 30)).isCloseTo(3000.0, within(1e-9));
	}

	@Test
	void neverProjectsNegativeDays() {
		// y = 40 - 10x: day 4 would be 0, day 5 would be -10 and counts as 0
		assertThat(LinearTrend.forecast(List.of(40.0, 30.0, 20.0, 10.0), 6)).isCloseTo(100.0, within(1e-9));
	}

	@Test
	void usesTheOnlyDayAsTheRate() {
		assertThat(LinearTrend.forecast(List.of(7.0), 3)).isCloseTo(21.0, within(1e-9));
	}
}
