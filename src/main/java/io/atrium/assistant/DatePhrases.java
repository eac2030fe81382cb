package io.atrium.assistant;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atrium.assistant.Interpretation.Period;
import io.atrium.shared.DateRange;

/**
 * The date grammar: matches a date phrase at a token position and resolves it against "today" (the injected
 * clock's date in the mall's zone) or, for follow-ups such as "the month before", against the conversation's
 * last range. Periods never end after today (a current month is month to date) and span at most
 * {@link DateRange#MAX_YEARS} years.
 */
final class DatePhrases {

	static final Map<String, Integer> WORD_NUMBERS = Map.ofEntries(Map.entry("one", 1), Map.entry("two", 2),
			Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
			Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
			Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
			Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("sixty", 60), Map.entry("ninety", 90));

	static final Map<String, Month> MONTHS = Map.ofEntries(Map.entry("january", Month.JANUARY),
			Map.entry("jan", Month.JANUARY), Map.entry("february", Month.FEBRUARY), Map.entry("feb", Month.FEBRUARY),
			Map.entry("march", Month.MARCH), Map.entry("mar", Month.MARCH), Map.entry("april", Month.APRIL),
			Map.entry("apr", Month.APRIL), Map.entry("may", Month.MAY), Map.entry("june", Month.JUNE),
			Map.entry("jun", Month.JUNE), Map.entry("july", Month.JULY), Map.entry("jul", Month.JULY),
			Map.entry("august", Month.AUGUST), Map.entry("aug", Month.AUGUST), Map.entry("september", Month.SEPTEMBER),
			Map.entry("sep", Month.SEPTEMBER), Map.entry("sept", Month.SEPTEMBER), Map.entry("october", Month.OCTOBER),
			Map.entry("oct", Month.OCTOBER), Map.entry("november", Month.NOVEMBER), Map.entry("nov", Month.NOVEMBER),
			Map.entry("december", Month.DECEMBER), Map.entry("dec", Month.DECEMBER));

	private static final Set<String> COMPARE_WORDS = Set.of("vs", "versus", "against", "than", "compared", "compare",
			"with", "to");

	private static final Set<String> LEADS = Set.of("last", "past", "previous", "prior", "recent");

	private final LocalDate today;

	private final Period context;

	/**
	 * @param today the clock's date
	 * @param context the conversation's last range, or {@code null}
	 */
	DatePhrases(LocalDate today, Period context) {
		this.today = today;
		this.context = context;
	}

	/**
	 * A phrase found at a position.
	 *
	 * @param length tokens consumed
	 * @param period the period named, or {@code null} for a comparison kind
	 * @param relative whether the period was resolved against the conversation's range
	 * @param compare whether the phrase names what to compare with
	 * @param compareKind {@code previous_period}, {@code previous_week}, {@code previous_month},
	 * {@code previous_quarter}, {@code previous_year}, or {@code explicit} (then {@code period} is it)
	 */
	record Match(int length, Period period, boolean relative, boolean compare, String compareKind) {

		static Match of(int length, Period period) {
			return new Match(length, period, false, false, null);
		}
	}

	Match match(List<String> t, int i) {
		String w = t.get(i);
		String prev = i > 0 ? t.get(i - 1) : "";
		String prev2 = i > 1 ? t.get(i - 2) : "";
		boolean afterCompare = COMPARE_WORDS.contains(prev) || "the".equals(prev) && COMPARE_WORDS.contains(prev2);
		boolean explicitCompare = Set.of("vs", "versus", "against", "than", "with").contains(prev)
				|| "to".equals(prev) && Set.of("compared", "comparing", "compare").contains(prev2);
		Match compare = compare(t, i, afterCompare);
		if (compare != null) {
			return compare;
		}
		Match relative = relative(t, i);
		if (relative != null) {
			return relative;
		}
		Match absolute = absolute(t, i);
		if (absolute != null && explicitCompare) {
			return new Match(absolute.length(), absolute.period(), false, true, "explicit");
		}
		return absolute;
	}

	private Match compare(List<String> t, int i, boolean afterCompare) {
		if (starts(t, i, "same", "period", "last", "year") || starts(t, i, "same", "time", "last", "year")
				|| starts(t, i, "same", "period", "previous", "year")) {
			return kind(4, "previous_year");
		}
		if (starts(t, i, "same", "period", "a", "year", "ago") || starts(t, i, "same", "time", "a", "year", "ago")) {
			return kind(5, "previous_year");
		}
		if (starts(t, i, "year", "over", "year") || starts(t, i, "year", "on", "year")) {
			return kind(3, "previous_year");
		}
		if (starts(t, i, "month", "over", "month") || starts(t, i, "month", "on", "month")) {
			return kind(3, "previous_month");
		}
		if (starts(t, i, "week", "over", "week") || starts(t, i, "week", "on", "week")) {
			return kind(3, "previous_week");
		}
		if (starts(t, i, "quarter", "over", "quarter")) {
			return kind(3, "previous_quarter");
		}
		Map<String, String> abbreviations = Map.of("yoy", "previous_year", "mom", "previous_month", "wow",
				"previous_week", "qoq", "previous_quarter");
		if (abbreviations.containsKey(t.get(i))) {
			return kind(1, abbreviations.get(t.get(i)));
		}
		if (!afterCompare) {
			return null;
		}
		int at = "the".equals(t.get(i)) ? i + 1 : i;
		if (at >= t.size()) {
			return null;
		}
		String first = t.get(at);
		String second = at + 1 < t.size() ? t.get(at + 1) : "";
		if (("previous".equals(first) || "prior".equals(first) || "last".equals(first) || "preceding".equals(first))
				&& Set.of("period", "month", "week", "year", "quarter").contains(second)) {
			return kind(at - i + 2, "period".equals(second) ? "previous_period" : "previous_" + second);
		}
		if (Set.of("period", "month", "week", "year", "quarter").contains(first) && "before".equals(second)) {
			return kind(at - i + 2, "period".equals(first) ? "previous_period" : "previous_" + first);
		}
		if ("before".equals(first) || "previous".equals(first) || "prior".equals(first)) {
			return kind(at - i + 1, "previous_period");
		}
		return null;
	}

	private static Match kind(int length, String kind) {
		return new Match(length, null, false, true, kind);
	}

	private Match relative(List<String> t, int i) {
		int at = "the".equals(t.get(i)) ? i + 1 : i;
		if (at + 1 >= t.size()) {
			return null;
		}
		String first = t.get(at);
		String second = t.get(at + 1);
		String unit = null;
		int length = 0;
		boolean dayBeforeYesterday = "day".equals(first) && at + 2 < t.size() && "yesterday".equals(t.get(at + 2));
		if (Set.of("month", "week", "year", "quarter", "period", "day").contains(first) && "before".equals(second)
				&& !dayBeforeYesterday) {
			unit = first;
			length = at - i + 2;
		}
		else if (("previous".equals(first) || "prior".equals(first)) && context != null
				&& Set.of("month", "week", "year", "quarter", "period").contains(second)) {
			unit = second;
			length = at - i + 2;
		}
		else if ("before".equals(first) && "that".equals(second)) {
			unit = "period";
			length = at - i + 2;
		}
		if (unit == null) {
			return null;
		}
		Period base = context != null ? context : period(today, today);
		Period shifted = switch (unit) {
			case "month" -> {
				YearMonth month = YearMonth.from(base.from()).minusMonths(1);
				yield period(month.atDay(1), month.atEndOfMonth());
			}
			case "week" -> period(base.from().minusWeeks(1), base.from().minusDays(1));
			case "quarter" -> {
				LocalDate start = quarterStart(base.from()).minusMonths(3);
				yield period(start, start.plusMonths(3).minusDays(1));
			}
			case "year" -> shiftYears(base, 1);
			case "day" -> period(base.from().minusDays(1), base.from().minusDays(1));
			default -> of(base.range().previous().from(), base.range().previous().to());
		};
		return new Match(length, shifted, context != null, false, null);
	}

	private Match absolute(List<String> t, int i) {
		String w = t.get(i);
		String next = i + 1 < t.size() ? t.get(i + 1) : "";
		switch (w) {
			case "today":
				return Match.of(1, period(today, today));
			case "yesterday":
				return Match.of(1, period(today.minusDays(1), today.minusDays(1)));
			case "mtd":
				return Match.of(1, preset("mtd", today));
			case "qtd":
				return Match.of(1, preset("qtd", today));
			case "ytd":
				return Match.of(1, preset("ytd", today));
			default:
				break;
		}
		if (starts(t, i, "day", "before", "yesterday")) {
			return Match.of(3, period(today.minusDays(2), today.minusDays(2)));
		}
		if (starts(t, i, "month", "to", "date")) {
			return Match.of(3, preset("mtd", today));
		}
		if (starts(t, i, "quarter", "to", "date")) {
			return Match.of(3, preset("qtd", today));
		}
		if (starts(t, i, "year", "to", "date")) {
			return Match.of(3, preset("ytd", today));
		}
		if ((w.equals("last") || w.equals("this")) && next.equals("weekend")) {
			LocalDate saturday = today.getDayOfWeek() == DayOfWeek.SATURDAY ? today
					: today.getDayOfWeek() == DayOfWeek.SUNDAY ? today.minusDays(1)
							: today.with(TemporalAdjusters.previous(DayOfWeek.SATURDAY));
			return Match.of(2, period(saturday, saturday.plusDays(1)));
		}
		if (w.equals("since")) {
			return since(t, i);
		}
		if (w.equals("between") || w.equals("from")) {
			Match between = between(t, i);
			if (between != null) {
				return between;
			}
		}
		if ((w.equals("this") || w.equals("current")) && !next.isEmpty()) {
			switch (next) {
				case "week":
					return Match.of(2, period(today.with(DayOfWeek.MONDAY), today));
				case "month":
					return Match.of(2, preset("mtd", today));
				case "quarter":
					return Match.of(2, preset("qtd", today));
				case "year":
					return Match.of(2, preset("ytd", today));
				default:
					break;
			}
		}
		int lead = i;
		if (w.equals("over") || w.equals("in") || w.equals("for") || w.equals("during") || w.equals("within")) {
			lead = i + 1;
		}
		if (lead < t.size() && "the".equals(t.get(lead))) {
			lead++;
		}
		if (lead < t.size() && LEADS.contains(t.get(lead))) {
			Match last = last(t, lead);
			if (last != null) {
				return new Match(last.length() + lead - i, last.period(), false, false, null);
			}
		}
		if (w.matches("q[1-4]")) {
			int quarter = w.charAt(1) - '0';
			Integer year = year(next);
			return Match.of(year == null ? 1 : 2, quarter(quarter, year));
		}
		Map<String, Integer> ordinals = Map.of("first", 1, "second", 2, "third", 3, "fourth", 4, "1", 1, "2", 2,
				"3", 3, "4", 4);
		if (ordinals.containsKey(w) && "quarter".equals(next)) {
			int length = 2;
			Integer year = null;
			if (i + 3 < t.size() && "of".equals(t.get(i + 2))) {
				year = year(t.get(i + 3));
				length = year == null ? 2 : 4;
			}
			else if (i + 2 < t.size()) {
				year = year(t.get(i + 2));
				length = year == null ? 2 : 3;
			}
			return Match.of(length, quarter(ordinals.get(w), year));
		}
		Day day = day(t, i);
		if (day != null) {
			return Match.of(day.length(), day.single() ? period(day.date(), day.date())
					: period(day.date(), YearMonth.from(day.date()).atEndOfMonth()));
		}
		Integer year = year(w);
		if (year != null && (i == 0 || !MONTHS.containsKey(t.get(i - 1)))) {
			return Match.of(1, period(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
		}
		return null;
	}

	private Match last(List<String> t, int i) {
		String next = i + 1 < t.size() ? t.get(i + 1) : "";
		String after = i + 2 < t.size() ? t.get(i + 2) : "";
		boolean past = !t.get(i).equals("last") && !t.get(i).equals("previous") && !t.get(i).equals("prior");
		switch (next) {
			case "week":
				if (past) {
					return Match.of(2, preset("7d", today));
				}
				LocalDate monday = today.with(DayOfWeek.MONDAY).minusWeeks(1);
				return Match.of(2, period(monday, monday.plusDays(6)));
			case "month":
				if (past) {
					return Match.of(2, preset("30d", today));
				}
				YearMonth month = YearMonth.from(today).minusMonths(1);
				return Match.of(2, period(month.atDay(1), month.atEndOfMonth()));
			case "quarter":
				if (past) {
					return Match.of(2, preset("90d", today));
				}
				LocalDate start = quarterStart(today).minusMonths(3);
				return Match.of(2, period(start, start.plusMonths(3).minusDays(1)));
			case "year":
				if (past) {
					return Match.of(2, preset("1y", today));
				}
				int year = today.getYear() - 1;
				return Match.of(2, period(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
			default:
				break;
		}
		if (Understanding.isNumber(next)) {
			int n = Integer.parseInt(Understanding.number(next));
			if (n < 1 || n > 3660) {
				return null;
			}
			String unit = Understanding.singular(after);
			switch (unit) {
				case "day":
					return Match.of(3, period(today.minusDays(n - 1L), today));
				case "week":
					return Match.of(3, period(today.minusDays(n * 7L - 1), today));
				case "month":
					return Match.of(3, period(today.minusMonths(n).plusDays(1), today));
				case "year":
					return Match.of(3, period(today.minusYears(n).plusDays(1), today));
				default:
					return null;
			}
		}
		return null;
	}

	private Match since(List<String> t, int i) {
		if (starts(t, i, "since", "the", "start", "of", "the", "month")
				|| starts(t, i, "since", "the", "beginning", "of", "the", "month")) {
			return Match.of(6, preset("mtd", today));
		}
		if (starts(t, i, "since", "the", "start", "of", "the", "year")
				|| starts(t, i, "since", "the", "beginning", "of", "the", "year")) {
			return Match.of(6, preset("ytd", today));
		}
		if (i + 1 >= t.size()) {
			return null;
		}
		Day day = day(t, i + 1);
		if (day != null && !day.date().isAfter(today)) {
			return Match.of(day.length() + 1, period(day.date(), today));
		}
		Integer year = year(t.get(i + 1));
		if (year != null && year <= today.getYear()) {
			return Match.of(2, period(LocalDate.of(year, 1, 1), today));
		}
		return null;
	}

	private Match between(List<String> t, int i) {
		int at = i + 1;
		if (at >= t.size()) {
			return null;
		}
		Day first = day(t, at);
		Integer bareDay = null;
		int firstLength;
		if (first == null) {
			if (!t.get(at).matches("\\d{1,2}")) {
				return null;
			}
			bareDay = Integer.parseInt(t.get(at));
			firstLength = 1;
		}
		else {
			firstLength = first.length();
		}
		int sep = at + firstLength;
		if (sep >= t.size() || !Set.of("and", "to", "until", "till", "through", "thru").contains(t.get(sep))) {
			return null;
		}
		Day second = day(t, sep + 1);
		if (second == null) {
			return null;
		}
		LocalDate from;
		if (bareDay != null) {
			YearMonth month = YearMonth.from(second.date());
			if (bareDay < 1 || bareDay > month.lengthOfMonth()) {
				return null;
			}
			from = month.atDay(bareDay);
		}
		else {
			from = first.date();
		}
		LocalDate to = second.single() ? second.date() : YearMonth.from(second.date()).atEndOfMonth();
		if (to.isBefore(from)) {
			from = from.minusYears(1);
			if (to.isBefore(from)) {
				return null;
			}
		}
		return Match.of(sep + 1 + second.length() - i, period(from, to));
	}

	/**
	 * A day or a month: "5 october", "october 5", "october", "october 2025", "5 october 2025", an ISO date.
	 *
	 * @param date the day (the month's first day when {@code single} is false)
	 * @param single whether a day (rather than a whole month) was named
	 * @param length tokens consumed
	 */
	record Day(LocalDate date, boolean single, int length) {
	}

	private Day day(List<String> t, int i) {
		if (i >= t.size()) {
			return null;
		}
		String w = t.get(i);
		if (w.matches("\\d{4}-\\d{2}-\\d{2}")) {
			try {
				LocalDate date = LocalDate.parse(w);
				return date.getYear() < 1990 || date.getYear() > 2200 ? null : new Day(date, true, 1);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		String next = i + 1 < t.size() ? t.get(i + 1) : "";
		if (w.matches("\\d{1,2}") && MONTHS.containsKey(next)) {
			int dayOfMonth = Integer.parseInt(w);
			Integer year = year(i + 2 < t.size() ? t.get(i + 2) : "");
			YearMonth month = month(MONTHS.get(next), year);
			if (dayOfMonth < 1 || dayOfMonth > month.lengthOfMonth()) {
				return null;
			}
			return new Day(month.atDay(dayOfMonth), true, year == null ? 2 : 3);
		}
		if (MONTHS.containsKey(w)) {
			boolean numberFollows = next.matches("\\d{1,4}");
			if ("may".equals(w) && !numberFollows && (i == 0 || !Set.of("in", "since", "from", "between", "of",
					"during", "for", "until", "to", "and", "through").contains(t.get(i - 1)))) {
				return null;
			}
			if (next.matches("\\d{1,2}")) {
				int dayOfMonth = Integer.parseInt(next);
				Integer year = year(i + 2 < t.size() ? t.get(i + 2) : "");
				YearMonth month = month(MONTHS.get(w), year);
				if (dayOfMonth < 1 || dayOfMonth > month.lengthOfMonth()) {
					return null;
				}
				return new Day(month.atDay(dayOfMonth), true, year == null ? 2 : 3);
			}
			Integer year = year(next);
			return new Day(month(MONTHS.get(w), year).atDay(1), false, year == null ? 1 : 2);
		}
		return null;
	}

	private YearMonth month(Month month, Integer year) {
		if (year != null) {
			return YearMonth.of(year, month);
		}
		YearMonth candidate = YearMonth.of(today.getYear(), month);
		return candidate.isAfter(YearMonth.from(today)) ? candidate.minusYears(1) : candidate;
	}

	private Period quarter(int quarter, Integer year) {
		int y = year != null ? year : today.getYear();
		LocalDate start = LocalDate.of(y, (quarter - 1) * 3 + 1, 1);
		if (year == null && start.isAfter(today)) {
			start = start.minusYears(1);
		}
		return period(start, start.plusMonths(3).minusDays(1));
	}

	private static LocalDate quarterStart(LocalDate day) {
		return LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
	}

	private static Integer year(String token) {
		if (token.matches("\\d{4}")) {
			int year = Integer.parseInt(token);
			return year >= 2000 && year <= 2100 ? year : null;
		}
		return null;
	}

	private static boolean starts(List<String> t, int i, String... words) {
		if (i + words.length > t.size()) {
			return false;
		}
		for (int k = 0; k < words.length; k++) {
			if (!t.get(i + k).equals(words[k])) {
				return false;
			}
		}
		return true;
	}

	private Period shiftYears(Period base, int years) {
		LocalDate to = base.to();
		boolean monthEnd = to.getDayOfMonth() == to.lengthOfMonth();
		LocalDate shiftedTo = to.minusYears(years);
		if (monthEnd) {
			shiftedTo = YearMonth.from(shiftedTo).atEndOfMonth();
		}
		return of(base.from().minusYears(years), shiftedTo);
	}

	/**
	 * A period ending no later than today, at most {@link DateRange#MAX_YEARS} years long, with its preset code when
	 * it equals one.
	 */
	private Period period(LocalDate from, LocalDate to) {
		if (to.isBefore(from)) {
			return period(to, from);
		}
		LocalDate end = to.isAfter(today) && !from.isAfter(today) ? today : to;
		LocalDate start = end.minusYears(DateRange.MAX_YEARS).plusDays(1).isAfter(from)
				? end.minusYears(DateRange.MAX_YEARS).plusDays(1) : from;
		for (DateRange.Preset preset : DateRange.Preset.values()) {
			Period candidate = preset(preset.code(), today);
			if (candidate.from().equals(start) && candidate.to().equals(end)) {
				return candidate;
			}
		}
		return new Period(start, end, null);
	}

	private static Period of(LocalDate from, LocalDate to) {
		return new Period(from, to, null);
	}

	/**
	 * @param code a {@link DateRange.Preset} code
	 * @param today the last day
	 * @return the preset's period ending today
	 */
	static Period preset(String code, LocalDate today) {
		DateRange range = DateRange.preset(code, java.time.Clock.fixed(
				today.atStartOfDay(DateRange.MALL_ZONE).toInstant(), DateRange.MALL_ZONE));
		return new Period(range.from(), range.to(), code);
	}

	/**
	 * @param period the period asked about
	 * @param kind a comparison kind from {@link Match#compareKind()}, {@code null} for the previous period
	 * @return the period to compare with
	 */
	static Period compared(Period period, String kind) {
		LocalDate from = period.from();
		LocalDate to = period.to();
		boolean monthEnd = to.getDayOfMonth() == to.lengthOfMonth();
		switch (kind == null ? "previous_period" : kind) {
			case "previous_week":
				return of(from.minusWeeks(1), to.minusWeeks(1));
			case "previous_month": {
				LocalDate shifted = to.minusMonths(1);
				return of(from.minusMonths(1), monthEnd ? YearMonth.from(shifted).atEndOfMonth() : shifted);
			}
			case "previous_quarter": {
				LocalDate shifted = to.minusMonths(3);
				return of(from.minusMonths(3), monthEnd ? YearMonth.from(shifted).atEndOfMonth() : shifted);
			}
			case "explicit":
				throw new IllegalArgumentException("an explicit comparison names its own period");
			case "previous_year": {
				LocalDate shifted = to.minusYears(1);
				return of(from.minusYears(1), monthEnd ? YearMonth.from(shifted).atEndOfMonth() : shifted);
			}
			default: {
				DateRange previous = period.range().previous();
				return of(previous.from(), previous.to());
			}
		}
	}
}
