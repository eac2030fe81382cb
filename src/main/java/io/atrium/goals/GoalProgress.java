package io.atrium.goals;

import java.math.BigDecimal;

/**
 * A goal's progress, computed from live analytics.
 *
 * @param goal the goal
 * @param status {@code on_track}, {@code at_risk}, {@code off_track}, {@code not_started} or
 * {@code unavailable}
 * @param value the metric from the period's start through today (or the period's end), or {@code null}
 * @param pctOfTarget value in percent of the target (one decimal), or {@code null}
 * @param timeElapsedPct days elapsed in percent of the period's days (one decimal)
 * @param pacePct percent of target in percent of time elapsed (100 = exactly on pace; additive metrics only),
 * or {@code null}
 * @param forecast the expected value at the period's end, or {@code null}
 * @param forecastPctOfTarget the forecast in percent of the target, or {@code null}
 * @param forecastMethod {@code linear_trend} (additive metrics) or {@code current_value} (rates, levels)
 * @param thresholds the status rule: {@code on_track} at or above {@code onTrackPct} of target, {@code at_risk}
 * at or above {@code atRiskPct}
 * @param reason why the status is {@code unavailable} or {@code not_started}, else {@code null}
 */
public record GoalProgress(Goal goal, String status, BigDecimal value, BigDecimal pctOfTarget,
		BigDecimal timeElapsedPct, BigDecimal pacePct, BigDecimal forecast, BigDecimal forecastPctOfTarget,
		String forecastMethod, Thresholds thresholds, String reason) {

	/**
	 * @param onTrackPct forecast percent of target from which a goal is on track
	 * @param atRiskPct forecast percent of target from which a goal is at risk rather than off track
	 */
	public record Thresholds(BigDecimal onTrackPct, BigDecimal atRiskPct) {
	}
}
