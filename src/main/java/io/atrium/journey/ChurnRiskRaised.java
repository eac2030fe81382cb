package io.atrium.journey;

import java.time.Instant;
import java.util.UUID;

import io.atrium.shared.CustomerId;

/**
 * A customer crossed into high churn risk and an alert was stored.
 *
 * @param alertId the stored alert, never {@code null}
 * @param customerId whose risk rose, never {@code null}
 * @param risk the churn probability, 0–1
 * @param model the model that produced it, e.g. {@code rule-based-logistic/1}
 * @param raisedAt when the alert was raised
 */
public record ChurnRiskRaised(UUID alertId, CustomerId customerId, double risk, String model, Instant raisedAt) {
}
