package io.atrium.assistant;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the assistant understood a question to ask, machine-readable: the contract between the understanding
 * engine and the typed queries that answer it. Absent components are {@code null} (left out of JSON).
 *
 * @param intent {@code metric_value}, {@code comparison}, {@code ranking}, {@code distribution}, {@code trend},
 * {@code list_customers}, {@code count_customers}, {@code goal_progress} or {@code unknown}
 * @param metric an analytics metric name, e.g. {@code revenue}, or {@code null}
 * @param entity what is listed or ranked: {@code customers}, {@code stores}, {@code categories},
 * {@code channels}, {@code campaigns}, {@code goals}, or {@code null}
 * @param dateRange the period asked about, or {@code null} when the question is about the present state
 * @param compareTo the period compared with, or {@code null}
 * @param filters by name, e.g. {@code churn_risk → {gt: 0.7}}, {@code store → ST001}; never {@code null}
 * @param groupBy {@code store}, {@code category}, {@code channel}, {@code stage}, {@code churn_risk},
 * {@code campaign}, {@code day}, {@code week}, {@code month}, or {@code null}
 * @param limit how many rows a ranking shows, or {@code null}
 * @param order {@code desc} or {@code asc} for rankings, else {@code null}
 * @param unknownTerms words that were not understood, in question order; never {@code null}
 */
public record Interpretation(String intent, String metric, String entity, Period dateRange, Period compareTo,
		Map<String, Object> filters, String groupBy, Integer limit, String order, List<String> unknownTerms) {

	/**
	 * An inclusive range of days in the mall's zone.
	 *
	 * @param from first day
	 * @param to last day
	 * @param preset the {@link io.atrium.shared.DateRange.Preset} code it equals, or {@code null}
	 */
	public record Period(LocalDate from, LocalDate to, String preset) {

		io.atrium.shared.DateRange range() {
			return io.atrium.shared.DateRange.of(from, to);
		}
	}
}
