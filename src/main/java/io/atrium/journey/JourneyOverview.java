package io.atrium.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Population-wide journey figures for the dashboard: stage distribution and funnel, churn-risk distribution,
 * open churn alerts and a customer's stage timeline. Read only.
 */
@Service
public class JourneyOverview {

	private final JourneyPatterns patterns;

	private final ChurnAlerts alerts;

	private final Journeys journeys;

	private final JdbcClient jdbc;

	JourneyOverview(JourneyPatterns patterns, ChurnAlerts alerts, Journeys journeys, JdbcClient jdbc) {
		this.patterns = patterns;
		this.alerts = alerts;
		this.journeys = journeys;
		this.jdbc = jdbc;
	}

	/** Stage distribution and funnel over every customer with a journey. */
	public record Stages(long customers, List<StageShare> distribution, List<FunnelStepView> funnel) {
	}

	/** @param share of all customers with a journey, 0–1 */
	public record StageShare(String stage, long customers, double share) {
	}

	/** @param conversion share of those who reached the previous stage that reached this one, 0–1 */
	public record FunnelStepView(String stage, long reached, Double conversion) {
	}

	/** An open churn alert. */
	public record OpenAlert(UUID id, CustomerId customerId, double risk, String level, Instant raisedAt) {
	}

	/** One stage change of a customer. */
	public record StageChange(String fromStage, String toStage, String reason, Instant occurredAt) {
	}

	@Transactional(readOnly = true)
	public Stages stages() {
		JourneyPatterns.Patterns all = patterns.of(JourneyPatterns.ALL);
		return new Stages(all.customers(),
				all.stageDistribution().stream().map(s -> new StageShare(s.stage(), s.customers(), s.share())).toList(),
				all.funnel().stream().map(f -> new FunnelStepView(f.stage(), f.reached(), f.conversion())).toList());
	}

	/** @return customers per churn level, in the order low, medium, high */
	@Transactional(readOnly = true)
	public Map<String, Long> churnLevels() {
		Map<String, Long> levels = new LinkedHashMap<>();
		levels.put("low", 0L);
		levels.put("medium", 0L);
		levels.put("high", 0L);
		jdbc.sql("select churn_level, count(*) from customer_journey group by churn_level")
			.query(rs -> {
				levels.put(rs.getString(1), rs.getLong(2));
			});
		return levels;
	}

	/** @return the most recent open alerts, newest first */
	@Transactional(readOnly = true)
	public List<OpenAlert> openAlerts(int limit) {
		List<OpenAlert> open = new ArrayList<>();
		for (ChurnAlerts.Alert alert : alerts.page("open", null, null, null, null, null, limit)) {
			open.add(new OpenAlert(alert.id(), alert.customerId(), alert.risk(), alert.level(), alert.raisedAt()));
		}
		return open;
	}

	/**
	 * @return the stored health factors of the customer's last scoring as JSON text ({@code {}} when none)
	 */
	@Transactional(readOnly = true)
	public String healthFactors(CustomerId customer) {
		return journeys.find(customer).map(Journeys.Row::healthFactors).orElse("{}");
	}

	/** @return the customer's stage changes, oldest first */
	@Transactional(readOnly = true)
	public List<StageChange> stageTimeline(CustomerId customer) {
		return journeys.transitions(customer)
			.stream()
			.map(t -> new StageChange(t.from() == null ? null : t.from().code(), t.to().code(), t.reason(),
					t.occurredAt()))
			.toList();
	}
}
