package io.atrium.analytics;

import java.util.Locale;

import io.atrium.shared.InvalidInput;

/**
 * How a purchase's revenue is shared among the campaign touches that preceded it within the attribution window.
 */
public enum AttributionModel {

	/** All credit to the last touch before the purchase (the default). */
	LAST_TOUCH,
	/** All credit to the first touch in the window. */
	FIRST_TOUCH,
	/** Equal credit to every touch in the window. */
	LINEAR,
	/** Credit halves with every half-life between touch and purchase, then normalised to the whole. */
	TIME_DECAY;

	/**
	 * @param value e.g. {@code last_touch}, case-insensitive; {@code null} or blank means {@link #LAST_TOUCH}
	 * @return the model
	 * @throws InvalidInput naming {@code attribution} for an unknown model
	 */
	public static AttributionModel of(String value) {
		if (value == null || value.isBlank()) {
			return LAST_TOUCH;
		}
		try {
			return valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of("attribution", "must be one of last_touch, first_touch, linear, time_decay");
		}
	}

	/** @return the request value, e.g. {@code last_touch} */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}
}
