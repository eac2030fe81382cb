package io.atrium.scoring;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.shared.CustomerId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One customer's lead scores for modules that present them to people (the customer 360 page): the same current
 * scores as {@code GET /api/scoring/insights/{customer_id}} and the composite's history read from the scoring
 * ledger, so the chart always agrees with the ledger the scores are the sum of. Read only.
 */
@Service
public class CustomerLeadScores {

	/** The most history points a caller may ask for. */
	public static final int MAX_POINTS = 500;

	private final LeadScores scores;

	CustomerLeadScores(LeadScores scores) {
		this.scores = scores;
	}

	/**
	 * A customer's scores now and how the composite got there.
	 *
	 * @param scored whether the customer was ever scored; when not, every value is zero and the history empty
	 * @param composite the composite score, 0–100
	 * @param quality lead quality ({@code cold}, {@code warm}, {@code qualified}, {@code hot})
	 * @param qualification {@code lead}, {@code mql} or {@code sql}
	 * @param breakdown per kind ({@code behavioral}, {@code demographic}, {@code engagement}, and
	 *        {@code predictive} only when a model scored the customer), in that order, never {@code null}
	 * @param history the composite after each change, oldest first, never {@code null}
	 * @param scoredAt last computed, or {@code null} when never scored
	 */
	public record Standing(boolean scored, double composite, String quality, String qualification,
			Map<String, Double> breakdown, List<Point> history, Instant scoredAt) {
	}

	/**
	 * The composite score after one ledger change.
	 *
	 * @param at when the change happened
	 * @param composite the value after it
	 * @param cause what moved it ({@code touchpoint}, {@code decay}, {@code model}, {@code config},
	 *        {@code rescore}, {@code merge})
	 */
	public record Point(Instant at, double composite, String cause) {
	}

	/**
	 * @param customer the profile, not {@code null}; an unknown one reads as never scored
	 * @param points the latest this many history points (1 to {@link #MAX_POINTS})
	 * @return the standing, never {@code null}
	 */
	@Transactional(readOnly = true)
	public Standing of(CustomerId customer, int points) {
		int limit = Math.max(1, Math.min(points, MAX_POINTS));
		List<Point> history = scores.compositeHistory(customer, limit)
			.stream()
			.map(entry -> new Point(entry.occurredAt(), entry.newValue().doubleValue(), entry.cause()))
			.toList();
		LeadScores.ScoreRow row = scores.find(customer).orElse(null);
		if (row == null) {
			return new Standing(false, 0, "cold", "lead", Map.of(), history, null);
		}
		Map<String, Double> breakdown = new LinkedHashMap<>();
		for (String kind : ScoringConfig.KINDS) {
			if (!"predictive".equals(kind) || row.modelVersion() != null) {
				breakdown.put(kind, row.value(kind).doubleValue());
			}
		}
		return new Standing(true, row.value("composite").doubleValue(), row.quality(), row.qualification(),
				breakdown, history, row.scoredAt());
	}
}
