package io.atrium.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.atrium.analytics.Attribution.Credit;
import io.atrium.analytics.Attribution.Touch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AttributionUnitTests {

	static final Instant PURCHASE = Instant.parse("2026-05-12T02:00:00Z");

	static final Touch EMAIL = new Touch("SUMMER2024", "email", PURCHASE.minus(Duration.ofDays(2)));

	static final Touch SMS = new Touch("FLASH", "sms", PURCHASE.minus(Duration.ofDays(1)));

	static final Touch OLD = new Touch("SPRING", "push", PURCHASE.minus(Duration.ofDays(8)));

	static final Touch LATER = new Touch("LATE", "push", PURCHASE.plusSeconds(1));

	static final List<Touch> TOUCHES = List.of(SMS, OLD, EMAIL, LATER);

	static List<Credit> credit(AttributionModel model) {
		return new Attribution(model, Duration.ofDays(7), Duration.ofDays(1)).credit(PURCHASE, TOUCHES);
	}

	@Test
	void lastTouchCreditsTheLatestTouchInTheWindow() {
		assertThat(credit(AttributionModel.LAST_TOUCH)).containsExactly(new Credit(SMS, 1.0));
	}

	@Test
	void firstTouchIgnoresTouchesBeforeTheWindow() {
		assertThat(credit(AttributionModel.FIRST_TOUCH)).containsExactly(new Credit(EMAIL, 1.0));
	}

	@Test
	void linearSharesEqually() {
		assertThat(credit(AttributionModel.LINEAR)).containsExactly(new Credit(EMAIL, 0.5), new Credit(SMS, 0.5));
	}

	@Test
	void timeDecayHalvesPerHalfLife() {
		List<Credit> credits = credit(AttributionModel.TIME_DECAY);

		assertThat(credits).extracting(Credit::touch).containsExactly(EMAIL, SMS);
		assertThat(credits.get(0).share()).isCloseTo(1.0 / 3, within(1e-9));
		assertThat(credits.get(1).share()).isCloseTo(2.0 / 3, within(1e-9));
	}

	@Test
	void creditsNothingWithoutATouchInTheWindow() {
		assertThat(new Attribution(AttributionModel.LAST_TOUCH, Duration.ofHours(1), Duration.ofDays(1))
			.credit(PURCHASE, TOUCHES)).isEmpty();
	}

	@Test
	void namesTheParameterOfAnUnknownModel() {
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> AttributionModel.of("magic"))
			.isInstanceOfSatisfying(io.atrium.shared.InvalidInput.class,
					problem -> assertThat(problem.errors().get(0).field()).isEqualTo("attribution"));
		assertThat(AttributionModel.of(null)).isEqualTo(AttributionModel.LAST_TOUCH);
		assertThat(AttributionModel.of("Time_Decay")).isEqualTo(AttributionModel.TIME_DECAY);
	}
}
