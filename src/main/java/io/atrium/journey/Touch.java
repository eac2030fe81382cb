package io.atrium.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A touchpoint as the journey sees it: what kind of signal it is.
 *
 * @param positiveSignal a positive review or a referral
 */
record Touch(UUID id, String type, String channel, Instant at, BigDecimal amount, boolean positiveSignal) {

	static final String PURCHASE = "purchase";

	static final String REVIEW = "review";

	static final String CUSTOM_EVENT = "custom_event";

	private static final Set<String> VISITS = Set.of("store_visit", "wifi_login", "parking");

	private static final Set<String> ENGAGEMENTS = Set.of("website_visit", "app_session", "email_open", "email_click",
			"sms_click", "push_open", REVIEW);

	boolean visit() {
		return VISITS.contains(type);
	}

	boolean engagement() {
		return ENGAGEMENTS.contains(type);
	}

	boolean purchase() {
		return PURCHASE.equals(type);
	}

	/** @return whether the rating or event name of a touchpoint of this type matters to the journey */
	static boolean needsDetails(String type) {
		return REVIEW.equals(type) || CUSTOM_EVENT.equals(type);
	}

	/**
	 * @param rating a review's rating, or {@code null}
	 * @param event a custom event's name, or {@code null}
	 * @return whether it is a positive review (rating at least {@code positiveRating}) or a referral
	 */
	static boolean positive(String type, Integer rating, String event, int positiveRating) {
		if (REVIEW.equals(type)) {
			return rating != null && rating >= positiveRating;
		}
		if ("referral".equals(type)) {
			return true;
		}
		return event != null && event.toLowerCase(Locale.ROOT).contains("referr");
	}
}
