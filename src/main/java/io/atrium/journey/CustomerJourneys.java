package io.atrium.journey;

import java.time.Instant;
import java.util.Optional;

import io.atrium.shared.CustomerId;

import org.springframework.stereotype.Service;

/**
 * Read access to journeys for other modules (segment rules, automation conditions, the dashboard): a customer's
 * stage and latest stored scores. Never writes. Scores are as of the last touchpoint or nightly rescore.
 */
@Service
public class CustomerJourneys {

	private final Journeys journeys;

	CustomerJourneys(Journeys journeys) {
		this.journeys = journeys;
	}

	/**
	 * A customer's journey as last stored.
	 *
	 * @param customerId the profile
	 * @param stage the current stage, never {@code null}
	 * @param stageSince when the customer entered it
	 * @param highestStage the highest stage ever reached
	 * @param health 0–100
	 * @param churnRisk 0–1
	 * @param churnLevel {@code low}, {@code medium} or {@code high}
	 * @param churnModel the model that produced the risk, e.g. {@code rule-based-logistic/1}
	 * @param momentum {@code accelerating}, {@code steady} or {@code declining}
	 * @param scoredAt when the scores were computed
	 */
	public record JourneySnapshot(CustomerId customerId, Stage stage, Instant stageSince, Stage highestStage,
			int health, double churnRisk, String churnLevel, String churnModel, String momentum, Instant scoredAt) {
	}

	/**
	 * @param customer a profile id, not {@code null}
	 * @return the journey, or empty when the customer has no touchpoint yet
	 */
	public Optional<JourneySnapshot> find(CustomerId customer) {
		return journeys.find(customer)
			.map(row -> new JourneySnapshot(row.customerId(), row.stage(), row.stageSince(), row.highest(),
					row.health(), row.churnRisk(), row.churnLevel(), row.churnModel(), row.momentum(),
					row.scoredAt()));
	}
}
