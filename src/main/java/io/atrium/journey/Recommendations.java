package io.atrium.journey;

import java.util.ArrayList;
import java.util.List;

/**
 * Next best actions for a customer, each with an urgency, from the stage, churn level and momentum. Rules, not a
 * model: every action says which fact triggered it.
 */
final class Recommendations {

	/**
	 * @param action a code with a text in the bundle ({@code journey.action.<action>})
	 * @param urgency {@code high}, {@code medium} or {@code low}
	 * @param because the fact that triggered it, e.g. {@code churn_risk_high}
	 */
	record Recommendation(String action, String urgency, String because) {
	}

	private Recommendations() {
	}

	static List<Recommendation> of(Stage stage, JourneyScores scores) {
		List<Recommendation> actions = new ArrayList<>();
		if (JourneyScores.HIGH.equals(scores.churnLevel())) {
			actions.add(new Recommendation("win_back_offer", "high", "churn_risk_high"));
		}
		else if ("medium".equals(scores.churnLevel())) {
			actions.add(new Recommendation("re_engagement_message", "medium", "churn_risk_medium"));
		}
		if ("declining".equals(scores.momentum().label()) && !JourneyScores.HIGH.equals(scores.churnLevel())) {
			actions.add(new Recommendation("personal_check_in", "medium", "momentum_declining"));
		}
		switch (stage) {
			case AWARENESS -> actions.add(new Recommendation("welcome_series", "medium", "stage_awareness"));
			case CONSIDERATION -> actions.add(new Recommendation("first_purchase_incentive", "medium",
					"stage_consideration"));
			case PURCHASE -> actions.add(new Recommendation("second_purchase_nudge", "medium", "stage_purchase"));
			case RETENTION -> actions.add(new Recommendation("invite_review_or_referral", "low", "stage_retention"));
			case ADVOCACY -> actions.add(new Recommendation("vip_referral_program", "low", "stage_advocacy"));
		}
		if ("accelerating".equals(scores.momentum().label())) {
			actions.add(new Recommendation("upsell_while_engaged", "low", "momentum_accelerating"));
		}
		return actions;
	}
}
