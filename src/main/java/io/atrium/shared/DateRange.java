package io.atrium.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * An inclusive range of calendar days in one zone (the mall's, {@link #MALL_ZONE} by default): the unit every
 * analytics question, goal period and assistant answer is asked in.
 * <p>
 * Calendar days, not instants, are the contract: "the last 7 days" asked at 00:30 in Shanghai on 1 January
 * ends on 1 January even though it is still 31 December in UTC. {@link #start()} and {@link #endExclusive()}
 * turn the days into the half-open instant interval to query stored (UTC) timestamps with.
 * <p>
 * Ranges come from a preset ({@link #preset(String, Clock)}) or explicit dates ({@link #parse}); both refuse
 * bad input with an {@link InvalidInput} naming the offending request parameter. Comparisons use
 * {@link #previous()}, the range of equal length that ends the day before this one starts.
 *
 * @param from first day, inclusive, never {@code null}
 * @param to last day, inclusive, never {@code null}, not before {@code from}
 * @param zone the zone the days are counted in, never {@code null}
 */
public record DateRange(LocalDate from, LocalDate to, ZoneId zone) {

	/** The mall's zone: Super Brand Mall, Shanghai. */
	public static final ZoneId MALL_ZONE = ZoneId.of("Asia/Shanghai");

	/** The longest range a request may ask for, in years: longer scans are exports, not questions. */
	public static final int MAX_YEARS = 3;

	/** The preset used when a request names neither a preset nor dates. */
	public static final String DEFAULT_PRESET = "30d";

	/**
	 * @throws NullPointerException when any component is {@code null}
	 * @throws IllegalArgumentException when {@code to} is before {@code from}
	 */
	public DateRange {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(zone, "zone");
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("to " + to + " is before from " + from);
		}
	}

	/**
	 * @param from first day, inclusive
	 * @param to last day, inclusive
	 * @return the range in the mall's zone
	 */
	public static DateRange of(LocalDate from, LocalDate to) {
		return new DateRange(from, to, MALL_ZONE);
	}

	/**
	 * The named presets and what each covers, "today" being the clock's date in the clock's zone.
	 */
	public enum Preset {

		/** The last 7 days, today included. */
		LAST_7_DAYS("7d"),
		/** The last 30 days, today included. */
		LAST_30_DAYS("30d"),
		/** The last 90 days, today included. */
		LAST_90_DAYS("90d"),
		/** The last year: from the day after today's date one year ago, through today. */
		LAST_YEAR("1y"),
		/** Today only. */
		TODAY("today"),
		/** Month to date: the 1st of this month through today. */
		MONTH_TO_DATE("mtd"),
		/** Quarter to date: the 1st day of this calendar quarter through today. */
		QUARTER_TO_DATE("qtd"),
		/** Year to date: 1 January through today. */
		YEAR_TO_DATE("ytd");

		private final String code;

		Preset(String code) {
			this.code = code;
		}

		/** @return the request value, e.g. {@code 7d} */
		public String code() {
			return code;
		}

		/**
		 * @param today the last day of the range
		 * @return the first day of this preset's range ending {@code today}
		 */
		LocalDate firstDay(LocalDate today) {
			switch (this) {
				case LAST_7_DAYS:
					return today.minusDays(6);
				case LAST_30_DAYS:
					return today.minusDays(29);
				case LAST_90_DAYS:
					return today.minusDays(89);
				case LAST_YEAR:
					return today.minusYears(1).plusDays(1);
				case TODAY:
					return today;
				case MONTH_TO_DATE:
					return today.withDayOfMonth(1);
				case QUARTER_TO_DATE:
					int firstMonth = (today.getMonthValue() - 1) / 3 * 3 + 1;
					return LocalDate.of(today.getYear(), firstMonth, 1);
				case YEAR_TO_DATE:
					return today.withDayOfYear(1);
				default:
					throw new IllegalStateException("unhandled preset " + this);
			}
		}

		/**
		 * @param code a request value such as {@code 30d}, case-insensitive
		 * @return the preset
		 * @throws InvalidInput naming {@code preset} when no preset has this code
		 */
		public static Preset of(String code) {
			String wanted = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
			for (Preset preset : values()) {
				if (preset.code.equals(wanted)) {
					return preset;
				}
			}
			throw InvalidInput.of("preset", "must be one of 7d, 30d, 90d, 1y, today, mtd, qtd, ytd");
		}
	}

	/**
	 * Resolves a preset against the clock: its days end today in the clock's zone.
	 * @param preset e.g. {@code 7d}, {@code mtd}
	 * @param clock gives "today" and the zone, never {@code null}
	 * @return the range, never {@code null}
	 * @throws InvalidInput naming {@code preset} when the preset is unknown
	 */
	public static DateRange preset(String preset, Clock clock) {
		LocalDate today = LocalDate.now(clock);
		return new DateRange(Preset.of(preset).firstDay(today), today, clock.getZone());
	}

	/**
	 * Resolves a request's date filter: either {@code preset}, or both {@code from} and {@code to}, or
	 * nothing (then {@link #DEFAULT_PRESET}).
	 * @param preset a preset code, or {@code null}/blank
	 * @param from an ISO date ({@code 2026-11-01}), or {@code null}/blank
	 * @param to an ISO date, or {@code null}/blank
	 * @param clock gives "today" and the zone, never {@code null}
	 * @return the range, never {@code null}
	 * @throws InvalidInput naming the parameter at fault: an unknown preset, a preset together with dates, a
	 * date that is missing, unparseable, or before {@code from}, or a span over {@link #MAX_YEARS} years
	 */
	public static DateRange parse(String preset, String from, String to, Clock clock) {
		boolean hasPreset = preset != null && !preset.isBlank();
		boolean hasFrom = from != null && !from.isBlank();
		boolean hasTo = to != null && !to.isBlank();
		if (hasPreset && (hasFrom || hasTo)) {
			throw InvalidInput.of("preset", "give either preset or from/to, not both");
		}
		if (hasPreset) {
			return preset(preset, clock);
		}
		if (!hasFrom && !hasTo) {
			return preset(DEFAULT_PRESET, clock);
		}
		if (!hasFrom) {
			throw InvalidInput.of("from", "is required with to");
		}
		if (!hasTo) {
			throw InvalidInput.of("to", "is required with from");
		}
		LocalDate first = date("from", from);
		LocalDate last = date("to", to);
		if (last.isBefore(first)) {
			throw InvalidInput.of("to", "must not be before from");
		}
		if (!last.isBefore(first.plusYears(MAX_YEARS))) {
			throw InvalidInput.of("to", "the range may span at most " + MAX_YEARS + " years");
		}
		return new DateRange(first, last, clock.getZone());
	}

	private static LocalDate date(String parameter, String value) {
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw InvalidInput.of(parameter, "must be an ISO date like 2026-11-24");
		}
	}

	/** @return the number of days in the range, at least 1 */
	public long days() {
		return ChronoUnit.DAYS.between(from, to) + 1;
	}

	/** @return the range of equal length ending the day before {@link #from()}, in the same zone */
	public DateRange previous() {
		LocalDate previousTo = from.minusDays(1);
		return new DateRange(previousTo.minusDays(days() - 1), previousTo, zone);
	}

	/** @return the first instant of {@link #from()} in the zone */
	public Instant start() {
		return from.atStartOfDay(zone).toInstant();
	}

	/** @return the first instant after {@link #to()} in the zone */
	public Instant endExclusive() {
		return to.plusDays(1).atStartOfDay(zone).toInstant();
	}

	/**
	 * @param day any day
	 * @return whether the day lies in the range
	 */
	public boolean contains(LocalDate day) {
		return !day.isBefore(from) && !day.isAfter(to);
	}

	/**
	 * @param instant a moment
	 * @return whether the moment falls on a day of the range in the range's zone
	 */
	public boolean contains(Instant instant) {
		return contains(instant.atZone(zone).toLocalDate());
	}

	/**
	 * @param last the new last day, not before {@link #from()}
	 * @return this range cut (or extended) to end on {@code last}
	 */
	public DateRange withTo(LocalDate last) {
		return new DateRange(from, last, zone);
	}
}
