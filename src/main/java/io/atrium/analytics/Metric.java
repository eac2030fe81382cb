package io.atrium.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One figure for a range, beside the same figure for the equal-length previous range.
 *
 * @param value this range's value, or {@code null} when it cannot be computed (e.g. an average of nothing)
 * @param previous the previous range's value, or {@code null} likewise
 * @param change {@code value - previous}, or {@code null} when either is {@code null}
 * @param changePct the change in percent of {@code previous} (one decimal), or {@code null} when previous is
 * zero or {@code null}
 */
public record Metric(BigDecimal value, BigDecimal previous, BigDecimal change, BigDecimal changePct) {

	/**
	 * @param value this range's value, or {@code null}
	 * @param previous the previous range's value, or {@code null}
	 * @return the comparison
	 */
	public static Metric of(BigDecimal value, BigDecimal previous) {
		if (value == null || previous == null) {
			return new Metric(value, previous, null, null);
		}
		BigDecimal change = value.subtract(previous);
		BigDecimal pct = previous.signum() == 0 ? null
				: change.multiply(BigDecimal.valueOf(100)).divide(previous.abs(), 1, RoundingMode.HALF_UP);
		return new Metric(value, previous, change, pct);
	}
}
