package io.atrium.journey;

import java.util.Locale;
import java.util.Optional;

/**
 * The lifecycle stages in their order: a customer moves up by progression rules and may fall back when lapsing.
 */
public enum Stage {

	/** Known to the mall: a first identified touchpoint. */
	AWARENESS,

	/** Engaged browsing or visits to the mall. */
	CONSIDERATION,

	/** Has bought. */
	PURCHASE,

	/** Buys again within the retention window. */
	RETENTION,

	/** Recommends the mall: positive reviews or referrals, with repeat purchases. */
	ADVOCACY;

	/** @return the name on the wire and in the database, e.g. {@code awareness} */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @param code a stage code such as {@code retention}, or {@code null}
	 * @return the stage, or empty when the code names none
	 */
	public static Optional<Stage> of(String code) {
		if (code == null) {
			return Optional.empty();
		}
		for (Stage stage : values()) {
			if (stage.code().equals(code)) {
				return Optional.of(stage);
			}
		}
		return Optional.empty();
	}

	/** @return whether this stage comes after {@code other} */
	public boolean above(Stage other) {
		return other == null || ordinal() > other.ordinal();
	}
}
