package io.atrium.journey;

import java.time.Duration;
import java.time.Instant;

/**
 * What the progression rules look at, as of one moment.
 *
 * @param at the moment
 * @param touchpoints touchpoints ever
 * @param purchases purchases ever
 * @param lastPurchaseAt the latest purchase, or {@code null}
 * @param previousPurchaseAt the purchase before it, or {@code null}
 * @param positiveSignals positive reviews and referrals ever
 * @param visitsInWindow mall visits in the consideration window ending at {@code at}
 * @param engagementsInWindow digital engagements in that window
 */
record JourneyFacts(Instant at, int touchpoints, int purchases, Instant lastPurchaseAt, Instant previousPurchaseAt,
		int positiveSignals, int visitsInWindow, int engagementsInWindow) {

	/** @return whether the latest purchase lies within {@code days} before {@link #at()} */
	boolean purchasedWithin(int days) {
		return lastPurchaseAt != null && !lastPurchaseAt.plus(Duration.ofDays(days)).isBefore(at);
	}

	/** @return whether the last two purchases lie at most {@code days} apart */
	boolean repeatPurchaseWithin(int days) {
		return previousPurchaseAt != null
				&& !previousPurchaseAt.plus(Duration.ofDays(days)).isBefore(lastPurchaseAt);
	}
}
