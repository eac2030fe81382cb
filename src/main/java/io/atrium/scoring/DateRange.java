package io.atrium.scoring;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;

import io.atrium.shared.InvalidInput;

/**
 * An inclusive range of days in the mall's zone, from a preset ({@code today}, {@code 7d}, {@code 30d},
 * {@code 90d}, {@code 1y}, {@code mtd}, {@code qtd}, {@code ytd}) or ISO {@code from}/{@code to} dates.
 *
 * @param from first day
 * @param to last day
 */
record DateRange(LocalDate from, LocalDate to) {

	/**
	 * @throws InvalidInput for an unknown preset, an unreadable date, {@code from} after {@code to}, or more than
	 * five years
	 */
	static DateRange resolve(String preset, String from, String to, LocalDate today) {
		if (from != null || to != null) {
			if (from == null || to == null) {
				throw InvalidInput.of(from == null ? "from" : "to", "from and to go together");
			}
			LocalDate start = date("from", from);
			LocalDate end = date("to", to);
			if (start.isAfter(end)) {
				throw InvalidInput.of("from", "must not be after to");
			}
			if (ChronoUnit.DAYS.between(start, end) > 5 * 366) {
				throw InvalidInput.of("to", "a range spans at most five years");
			}
			return new DateRange(start, end);
		}
		switch (preset == null ? "30d" : preset) {
			case "today":
				return new DateRange(today, today);
			case "7d":
				return new DateRange(today.minusDays(6), today);
			case "30d":
				return new DateRange(today.minusDays(29), today);
			case "90d":
				return new DateRange(today.minusDays(89), today);
			case "1y":
				return new DateRange(today.minusYears(1).plusDays(1), today);
			case "mtd":
				return new DateRange(today.withDayOfMonth(1), today);
			case "qtd":
				return new DateRange(today.with(IsoFields.DAY_OF_QUARTER, 1), today);
			case "ytd":
				return new DateRange(today.withDayOfYear(1), today);
			default:
				throw InvalidInput.of("preset", "must be one of today, 7d, 30d, 90d, 1y, mtd, qtd, ytd");
		}
	}

	/** @return the range of equal length just before this one */
	DateRange previous() {
		long days = ChronoUnit.DAYS.between(from, to) + 1;
		return new DateRange(from.minusDays(days), from.minusDays(1));
	}

	Instant start(ZoneId zone) {
		return from.atStartOfDay(zone).toInstant();
	}

	/** @return the first instant after the range */
	Instant end(ZoneId zone) {
		return to.plusDays(1).atStartOfDay(zone).toInstant();
	}

	private static LocalDate date(String field, String value) {
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw InvalidInput.of(field, "must be an ISO date such as 2026-11-24");
		}
	}
}
