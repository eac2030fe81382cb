package io.atrium.journey;

import java.util.ArrayList;
import java.util.List;

import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * A churn model trained with Tribuo on the mall's own journey aggregates (label: no visit or purchase in the 60
 * days after a cutoff). Its terms are the scaled feature values it saw; it does not decompose the log-odds.
 */
final class TrainedChurnModel implements ChurnModel {

	static final String LAPSED = "lapsed";

	static final String ACTIVE = "active";

	/** Names of the scaled features, in {@link #scaled} order. */
	static final String[] NAMES = { "recency_days_365", "purchase_recency_days_365", "active_days_90_share",
			"log_touchpoints_30", "log_touchpoints_prior_30", "log_visits_90", "log_purchases_365",
			"log_amount_365_10", "log_engagements_30" };

	private final String id;

	private final Model<Label> model;

	TrainedChurnModel(String id, Model<Label> model) {
		this.id = id;
		this.model = model;
	}

	@Override
	public String id() {
		return id;
	}

	Model<Label> model() {
		return model;
	}

	/** @return the features on comparable scales (SGD-friendly) */
	static double[] scaled(ActivityFeatures f) {
		return new double[] { f.daysSinceLastActive() / 365.0, f.daysSinceLastPurchase() / 365.0,
				f.activeDays90() / 90.0, Math.log1p(f.touchpoints30()), Math.log1p(f.touchpointsPrior30()),
				Math.log1p(f.visits90()), Math.log1p(f.purchases365()), Math.log1p(f.amount365()) / 10.0,
				Math.log1p(f.engagements30()) };
	}

	static double probability(Model<Label> model, double[] scaled) {
		Prediction<Label> prediction = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, NAMES, scaled));
		Label lapsed = prediction.getOutputScores().get(LAPSED);
		return lapsed == null ? 0 : Math.max(0, Math.min(1, lapsed.getScore()));
	}

	@Override
	public Estimate estimate(ActivityFeatures features) {
		double[] scaled = scaled(features);
		List<Term> terms = new ArrayList<>(NAMES.length);
		for (int i = 0; i < NAMES.length; i++) {
			terms.add(new Term(NAMES[i], Math.round(scaled[i] * 1000) / 1000.0, null));
		}
		return new Estimate(probability(model, scaled), terms);
	}
}
