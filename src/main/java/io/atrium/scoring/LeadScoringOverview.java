package io.atrium.scoring;

import java.time.LocalDate;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lead-scoring dashboard for modules that present it to people: the same figures as
 * {@code GET /api/scoring/dashboard} (lead-quality and composite distributions, MQL/SQL counts and flow in a
 * range and the one before it, top movers, model health). Read only.
 */
@Service
public class LeadScoringOverview {

	private final ScoringDashboard dashboard;

	LeadScoringOverview(ScoringDashboard dashboard) {
		this.dashboard = dashboard;
	}

	/**
	 * @param from first day, inclusive
	 * @param to last day, inclusive
	 * @return snake_case keys as the API returns them
	 */
	@Transactional(readOnly = true)
	public Map<String, Object> overview(LocalDate from, LocalDate to) {
		return dashboard.overview(new DateRange(from, to));
	}
}
