package io.atrium.journey;

import java.math.BigDecimal;

/**
 * One customer's activity on one day (in the mall's zone): the journey's own aggregate that every window
 * (frequency, recency, monetary, engagement, momentum, lapse labels) is summed from.
 */
final class DayActivity {

	int touchpoints;

	int visits;

	int engagements;

	int purchases;

	BigDecimal amount = BigDecimal.ZERO;

	DayActivity() {
	}

	DayActivity(int touchpoints, int visits, int engagements, int purchases, BigDecimal amount) {
		this.touchpoints = touchpoints;
		this.visits = visits;
		this.engagements = engagements;
		this.purchases = purchases;
		this.amount = amount == null ? BigDecimal.ZERO : amount;
	}

	void add(Touch touch) {
		touchpoints++;
		if (touch.visit()) {
			visits++;
		}
		if (touch.engagement()) {
			engagements++;
		}
		if (touch.purchase()) {
			purchases++;
			if (touch.amount() != null) {
				amount = amount.add(touch.amount());
			}
		}
	}

	void add(DayActivity other) {
		touchpoints += other.touchpoints;
		visits += other.visits;
		engagements += other.engagements;
		purchases += other.purchases;
		amount = amount.add(other.amount);
	}

	/** @return whether the customer came to the mall or bought that day (what "not lapsed" means) */
	boolean visitedOrBought() {
		return visits > 0 || purchases > 0;
	}
}
