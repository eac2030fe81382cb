package io.atrium.goals;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A business goal: reach {@code target} on an analytics metric within a period.
 *
 * @param id stable id, e.g. {@code g-revenue-q4}; generated when a request leaves it out
 * @param name what the business calls it, never {@code null}
 * @param metric an analytics metric name (e.g. {@code revenue}, {@code new_members}, {@code retention_rate}) or
 * {@code average_rating} / {@code nps}
 * @param target the value to reach, more than zero
 * @param period how the period was given ({@code 2026-11}, {@code 2026-Q4}, {@code 2026}), or {@code null} when
 * given as dates
 * @param from first day of the period, inclusive, in the mall's zone
 * @param to last day of the period, inclusive
 * @param owner who answers for it, or {@code null}
 */
public record Goal(String id, String name, String metric, BigDecimal target, String period, LocalDate from,
		LocalDate to, String owner) {
}
