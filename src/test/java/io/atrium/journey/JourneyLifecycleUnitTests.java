package io.atrium.journey;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import io.atrium.shared.CustomerId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class JourneyLifecycleUnitTests {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	static final Instant T0 = Instant.parse("2026-01-05T02:00:00Z");

	final JourneyConfig.Stages rules = JourneyConfig.defaults().stages();

	final JourneyState state = JourneyState.fresh(new CustomerId(UUID.randomUUID()), ZONE);

	@Test
	void walksThroughAllFiveStagesAndBackDownWithReasons() {
		state.apply(touch("website_visit", 0, null, false), rules);
		assertThat(state.journey.stage()).isEqualTo(Stage.AWARENESS);
		state.apply(touch("store_visit", 1, null, false), rules);
		assertThat(state.journey.stage()).isEqualTo(Stage.CONSIDERATION);
		state.apply(touch("purchase", 2, "320.00", false), rules);
		assertThat(state.journey.stage()).isEqualTo(Stage.PURCHASE);
		state.apply(touch("purchase", 20, "150.00", false), rules);
		assertThat(state.journey.stage()).isEqualTo(Stage.RETENTION);
		state.apply(touch("review", 21, null, true), rules);
		assertThat(state.journey.stage()).isEqualTo(Stage.ADVOCACY);

		state.catchUp(at(21).plus(Duration.ofDays(365)), rules);

		assertThat(state.journey.stage()).isEqualTo(Stage.AWARENESS);
		assertThat(state.journey.highest()).isEqualTo(Stage.ADVOCACY);
		assertThat(state.journey.transitions()).extracting(StageTransition::from, StageTransition::to,
				StageTransition::reason, StageTransition::occurredAt)
			.containsExactly(tuple(null, Stage.AWARENESS, "first_touchpoint", at(0)),
					tuple(Stage.AWARENESS, Stage.CONSIDERATION, "mall_visits", at(1)),
					tuple(Stage.CONSIDERATION, Stage.PURCHASE, "first_purchase", at(2)),
					tuple(Stage.PURCHASE, Stage.RETENTION, "repeat_purchase_within_window", at(20)),
					tuple(Stage.RETENTION, Stage.ADVOCACY, "positive_review_or_referral_with_repeat_purchases", at(21)),
					tuple(Stage.ADVOCACY, Stage.CONSIDERATION, "lapsed", at(20 + 90)),
					tuple(Stage.CONSIDERATION, Stage.AWARENESS, "dormant", at(21 + 180)));
	}

	@Test
	void recordsTheTriggeringTouchpointOfEachPromotion() {
		Touch visit = touch("store_visit", 0, null, false);
		state.apply(visit, rules);

		assertThat(state.journey.transitions()).extracting(StageTransition::touchpointId)
			.containsExactly(visit.id());
		assertThat(state.journey.transitions().get(0).reason()).isEqualTo("mall_visits");
	}

	@Test
	void needsThreeEngagementsInTheWindowForEngagedBrowsing() {
		state.apply(touch("website_visit", 0, null, false), rules);
		state.apply(touch("app_session", 1, null, false), rules);
		assertThat(state.journey.stage()).isEqualTo(Stage.AWARENESS);
		state.apply(touch("email_click", 2, null, false), rules);
		assertThat(state.journey.stage()).isEqualTo(Stage.CONSIDERATION);
		assertThat(state.journey.transitions().get(1).reason()).isEqualTo("engaged_browsing");
	}

	@Test
	void treatsASecondPurchaseOutsideTheRetentionWindowAsAPurchaseAfterLapse() {
		state.apply(touch("purchase", 0, "100", false), rules);
		state.apply(touch("purchase", 120, "100", false), rules);

		assertThat(state.journey.transitions()).extracting(StageTransition::to, StageTransition::reason)
			.containsExactly(tuple(Stage.PURCHASE, "first_purchase"), tuple(Stage.CONSIDERATION, "lapsed"),
					tuple(Stage.PURCHASE, "purchase_after_lapse"));
	}

	@Test
	void refusesIllegalTransitionsNamingTheState() {
		CustomerJourney journey = CustomerJourney.of(new CustomerId(UUID.randomUUID()), Stage.RETENTION, T0,
				Stage.RETENTION);
		assertThatThrownBy(() -> journey.promote(Stage.PURCHASE, "x", null, T0))
			.isInstanceOf(IllegalStageTransition.class)
			.hasMessageContaining("retention");
		assertThatThrownBy(() -> journey.regress(Stage.ADVOCACY, "x", T0)).isInstanceOf(IllegalStageTransition.class)
			.hasMessageContaining("retention");
		assertThatThrownBy(() -> CustomerJourney.notStarted(new CustomerId(UUID.randomUUID()))
			.regress(Stage.AWARENESS, "x", T0)).hasMessageContaining("none");
	}

	@Test
	void positiveSignalsAreGoodReviewsAndReferrals() {
		assertThat(Touch.positive("review", 4, null, 4)).isTrue();
		assertThat(Touch.positive("review", 3, null, 4)).isFalse();
		assertThat(Touch.positive("custom_event", null, "Referral Sent", 4)).isTrue();
		assertThat(Touch.positive("custom_event", null, "Coupon Claimed", 4)).isFalse();
	}

	@Test
	void foldsAMergedJourneyIntoTheSurvivor() {
		state.apply(touch("website_visit", 0, null, false), rules);
		JourneyState other = JourneyState.fresh(new CustomerId(UUID.randomUUID()), ZONE);
		other.apply(touch("purchase", 1, "50", false), rules);
		other.apply(touch("purchase", 3, "70", false), rules);

		state.absorb(other);
		state.promote(at(4), "profiles_merged", rules);

		assertThat(state.journey.stage()).isEqualTo(Stage.RETENTION);
		assertThat(state.purchases).isEqualTo(2);
		assertThat(state.monetary).isEqualByComparingTo("120");
		assertThat(state.journey.transitions()).last().extracting(StageTransition::reason).isEqualTo("profiles_merged");
	}

	static Instant at(int day) {
		return T0.plus(Duration.ofDays(day));
	}

	static Touch touch(String type, int day, String amount, boolean positive) {
		return new Touch(UUID.randomUUID(), type, "web", at(day), amount == null ? null : new BigDecimal(amount),
				positive);
	}
}
