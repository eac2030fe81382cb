package io.atrium.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Shares one purchase among the campaign touches before it: a small pure policy, testable alone.
 *
 * @param model the sharing rule
 * @param window how long before the purchase a touch still counts (the purchase instant itself included)
 * @param halfLife for {@link AttributionModel#TIME_DECAY}: the age at which a touch's weight halves
 */
record Attribution(AttributionModel model, Duration window, Duration halfLife) {

	/**
	 * A campaign touch.
	 * @param campaignId the campaign
	 * @param channel the channel it reached the customer on
	 * @param at when it happened
	 */
	record Touch(String campaignId, String channel, Instant at) {
	}

	/**
	 * A touch's share of a purchase.
	 * @param touch the touch credited
	 * @param share between 0 and 1; the shares of one purchase sum to 1
	 */
	record Credit(Touch touch, double share) {
	}

	/**
	 * @param purchasedAt when the purchase happened
	 * @param touches the customer's campaign touches (any order, any time)
	 * @return the credited touches, shares summing to 1, or empty when no touch lies in the window
	 */
	List<Credit> credit(Instant purchasedAt, List<Touch> touches) {
		Instant opens = purchasedAt.minus(window);
		List<Touch> eligible = touches.stream()
			.filter(touch -> !touch.at().isAfter(purchasedAt) && !touch.at().isBefore(opens))
			.sorted(Comparator.comparing(Touch::at))
			.toList();
		if (eligible.isEmpty()) {
			return List.of();
		}
		switch (model) {
			case LAST_TOUCH:
				return List.of(new Credit(eligible.get(eligible.size() - 1), 1.0));
			case FIRST_TOUCH:
				return List.of(new Credit(eligible.get(0), 1.0));
			case LINEAR:
				return eligible.stream().map(touch -> new Credit(touch, 1.0 / eligible.size())).toList();
			case TIME_DECAY:
				double[] weights = new double[eligible.size()];
				double total = 0;
				for (int i = 0; i < weights.length; i++) {
					double age = Duration.between(eligible.get(i).at(), purchasedAt).toMillis();
					weights[i] = Math.pow(0.5, age / halfLife.toMillis());
					total += weights[i];
				}
				List<Credit> credits = new ArrayList<>();
				for (int i = 0; i < weights.length; i++) {
					credits.add(new Credit(eligible.get(i), weights[i] / total));
				}
				return credits;
			default:
				throw new IllegalStateException("unhandled model " + model);
		}
	}
}
