package io.atrium.assistant;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The answer to one question: the text, what was understood, the rows behind it, a chart when one helps,
 * findings ranked by urgency and linked to goals, and next actions with ready drafts (never activated).
 *
 * @param conversationId the conversation this turn belongs to
 * @param answer a short text quoting the numbers, in the request's language and the configured style
 * @param interpretation what was understood
 * @param data the rows behind the answer, or {@code null}
 * @param chart a chart spec, or {@code null}
 * @param insights findings, most urgent first; never {@code null}
 * @param recommendations next actions, most urgent first; never {@code null}
 */
public record ChatResponse(UUID conversationId, String answer, Interpretation interpretation, Data data, Chart chart,
		List<Insight> insights, List<Recommendation> recommendations) {

	/**
	 * @param columns column names
	 * @param rows one list of values per row, in column order
	 * @param nextCursor pass back as {@code cursor} with the same question for the next page, or {@code null}
	 */
	public record Data(List<String> columns, List<List<Object>> rows, String nextCursor) {
	}

	/**
	 * @param type {@code bar}, {@code line} or {@code pie}
	 * @param labels one per point
	 * @param series one or more named value lists
	 */
	public record Chart(String type, List<String> labels, List<Series> series) {
	}

	/**
	 * @param name the series' name
	 * @param values one per label
	 */
	public record Series(String name, List<Object> values) {
	}

	/**
	 * @param text the finding
	 * @param urgency {@code critical}, {@code high}, {@code medium} or {@code low}
	 * @param goal the business goal it affects, or {@code null}
	 */
	public record Insight(String text, String urgency, GoalRef goal) {
	}

	/**
	 * @param id the goal's id
	 * @param name its name
	 * @param status its progress status, e.g. {@code at_risk}
	 */
	public record GoalRef(String id, String name, String status) {
	}

	/**
	 * @param text what to do
	 * @param urgency {@code critical}, {@code high}, {@code medium} or {@code low}
	 * @param draft something the user can create with one call, or {@code null}
	 */
	public record Recommendation(String text, String urgency, Draft draft) {
	}

	/**
	 * @param kind {@code segment} or {@code workflow}
	 * @param method the HTTP method that creates it ({@code POST})
	 * @param path where ({@code /api/segments})
	 * @param body the request body to send; created inactive or only when the user sends it
	 */
	public record Draft(String kind, String method, String path, Map<String, Object> body) {
	}
}
