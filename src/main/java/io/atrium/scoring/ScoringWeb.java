package io.atrium.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Request and response bodies of the scoring API (snake_case on the wire).
 */
final class ScoringWeb {

	private ScoringWeb() {
	}

	/** @param customerId the mall's customer id, e.g. {@code CUST001} */
	record CustomerRequest(String customerId) {
	}

	/**
	 * @param behavioral 0–100
	 * @param demographic 0–100
	 * @param engagement 0–100
	 * @param predictive 0–100, or {@code null} while no model is active
	 */
	record Breakdown(Double behavioral, Double demographic, Double engagement, Double predictive) {
	}

	/**
	 * @param factor e.g. {@code purchase}, {@code member_tier}, {@code profile_completeness}
	 * @param kind the score it belongs to
	 * @param impact points of the composite it accounts for (negative: it lowers the composite)
	 */
	record Factor(String factor, String kind, double impact) {
	}

	record ScoreResponse(String customerId, double compositeScore, String leadQuality, Breakdown scoreBreakdown,
			List<Factor> topFactors, List<String> recommendations, Integer modelVersion, int configVersion,
			String qualification, Instant scoredAt) {
	}

	record QualifyResponse(String customerId, String qualification, String previousQualification, boolean changed,
			String rule, double compositeScore, String leadQuality, Breakdown scoreBreakdown, Map<String, Double> thresholds,
			Instant qualifiedAt) {
	}

	record LedgerItem(long id, String kind, BigDecimal oldValue, BigDecimal newValue, BigDecimal delta, String cause,
			String causeRef, Instant occurredAt) {
	}

	record History(List<LedgerItem> items, String nextCursor) {
	}

	record AttributionItem(String kind, String cause, BigDecimal points, long changes) {
	}

	record InsightsResponse(String customerId, boolean scored, double compositeScore, String leadQuality,
			String qualification, String qualifiedBy, Breakdown scoreBreakdown, List<Factor> topFactors,
			Integer modelVersion, History history, List<AttributionItem> attribution, Instant scoredAt) {
	}

	/**
	 * @param customerIds external ids of customers to score besides those scoring knows (e.g. imported ones
	 * with no touchpoints yet), at most 10,000; may be {@code null}
	 */
	record BatchRequest(List<String> customerIds) {
	}

	record JobStarted(UUID jobId, String kind, String status) {
	}

	/**
	 * @param algorithm {@code random_forest}, {@code logistic_regression} or {@code gradient_boosting}; {@code null}
	 * for the configured one
	 * @param activate {@code if_better} (default), {@code always} or {@code never}
	 */
	record TrainRequest(String algorithm, String activate) {
	}

	record ConfigResponse(int version, String createdBy, Instant createdAt, ScoringConfig config) {
	}

	record ConfigChanged(int version, UUID rescoringJobId) {
	}

	record ModelView(int version, String algorithm, boolean active, Instant trainedAt, String trainedBy, Instant cutoff,
			Map<String, Object> features, Map<String, Object> metrics) {

		static ModelView of(Models.ModelRow row) {
			return new ModelView(row.version(), row.algorithm(), row.active(), row.trainedAt(), row.trainedBy(),
					row.cutoff(), row.features(), row.metrics());
		}
	}

	record ModelPage(List<ModelView> items, String nextCursor) {
	}

	record Activated(int modelVersion, boolean active, UUID rescoringJobId) {
	}
}
