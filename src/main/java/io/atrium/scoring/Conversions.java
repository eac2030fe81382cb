package io.atrium.scoring;

import java.time.LocalDate;

/**
 * Whether a customer converted, by the configured definition: a purchase or a touchpoint of a given type in
 * the days after a cutoff, or a boolean trait that is true (in any spelling {@link TraitValues#truth} reads).
 */
final class Conversions {

	private Conversions() {
	}

	/**
	 * @return {@code true}/{@code false}, or {@code null} when a trait label is missing or not a boolean (the
	 * customer is then left out of training)
	 */
	static Boolean converted(ScoringConfig.Conversion label, ScoreFactor.Subject subject, Activity activity,
			LocalDate cutoff, int horizonDays) {
		switch (label.kind()) {
			case "trait":
				return TraitValues.truth(subject.trait(label.trait()));
			case "event":
				return activity.happened(label.eventType(), cutoff.minusDays(1), cutoff.plusDays(horizonDays - 1));
			default:
				return activity.happened("purchase", cutoff.minusDays(1), cutoff.plusDays(horizonDays - 1));
		}
	}
}
