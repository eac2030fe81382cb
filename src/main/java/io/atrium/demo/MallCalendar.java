package io.atrium.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The year ending "now" in the mall's zone: how busy each day is (weekday, Double 11, Christmas, the weeks
 * before Chinese New Year, Golden Week, 618, the summer), the campaigns the mall ran in it, and drawing
 * days and times of day from those patterns.
 */
final class MallCalendar {

	/** Days in the window, today included. */
	static final int DAYS = 366;

	private static final LocalDate[] NEW_YEARS = dates("2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22",
			"2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03",
			"2031-01-23", "2032-02-11", "2033-01-31", "2034-02-19", "2035-02-08");

	private static final LocalDate[] MID_AUTUMNS = dates("2020-10-01", "2021-09-21", "2022-09-10", "2023-09-29",
			"2024-09-17", "2025-10-06", "2026-09-25", "2027-09-15", "2028-10-03", "2029-09-22", "2030-09-12",
			"2031-10-01", "2032-09-19", "2033-09-08", "2034-09-27", "2035-09-16");

	private final Instant now;

	private final ZoneId zone;

	private final LocalDate firstDay;

	private final double[][] cumulative;

	private final long[] dayStarts = new long[DAYS + 1];

	private final boolean[] weekends = new boolean[DAYS];

	private final Campaign[] running = new Campaign[DAYS];

	private final List<Campaign> campaigns;

	MallCalendar(Instant now, ZoneId zone) {
		this.now = now;
		this.zone = zone;
		this.firstDay = LocalDate.ofInstant(now, zone).minusDays(DAYS - 1);
		double[] season = new double[DAYS];
		for (int day = 0; day < DAYS; day++) {
			season[day] = seasonalWeight(firstDay.plusDays(day));
		}
		this.cumulative = new double[Persona.values().length][];
		for (Persona persona : Persona.values()) {
			double[] weekdays = Habits.of(persona).weekdays();
			double[] sums = new double[DAYS + 1];
			for (int day = 0; day < DAYS; day++) {
				int weekday = firstDay.plusDays(day).getDayOfWeek().getValue() - 1;
				sums[day + 1] = sums[day] + season[day] * weekdays[weekday];
			}
			cumulative[persona.ordinal()] = sums;
		}
		this.campaigns = campaignsBetween(firstDay, today());
		for (int day = 0; day <= DAYS; day++) {
			dayStarts[day] = firstDay.plusDays(day).atStartOfDay(zone).toEpochSecond();
		}
		for (int day = 0; day < DAYS; day++) {
			LocalDate date = firstDay.plusDays(day);
			weekends[day] = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
			for (Campaign campaign : campaigns) {
				if (!date.isBefore(campaign.startDay()) && !date.isAfter(campaign.endDay())) {
					running[day] = campaign;
				}
			}
		}
	}

	Instant now() {
		return now;
	}

	ZoneId zone() {
		return zone;
	}

	LocalDate today() {
		return firstDay.plusDays(DAYS - 1);
	}

	LocalDate firstDay() {
		return firstDay;
	}

	/** @return the campaigns sent within the window, by send time */
	List<Campaign> campaigns() {
		return campaigns;
	}

	/** @return the day index of a date, clamped to the window */
	int indexOf(LocalDate date) {
		return (int) Math.max(0, Math.min(DAYS - 1, ChronoUnit.DAYS.between(firstDay, date)));
	}

	LocalDate day(int index) {
		return firstDay.plusDays(index);
	}

	/**
	 * Draws a day between two day indexes (inclusive) weighted by the season and the persona's weekdays.
	 */
	int drawDay(SplittableRandom random, Persona persona, int from, int to) {
		double[] sums = cumulative[persona.ordinal()];
		double target = sums[from] + random.nextDouble() * (sums[to + 1] - sums[from]);
		int low = from;
		int high = to;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (sums[middle + 1] <= target) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		return low;
	}

	/**
	 * Draws a moment of a day: an hour by weight, a uniform minute and second (local hours counted from
	 * midnight, which is exact in zones without daylight saving such as Asia/Shanghai).
	 */
	Instant drawTime(SplittableRandom random, int dayIndex, double[] hourWeights) {
		int hour = draw(random, hourWeights);
		return Instant.ofEpochSecond(dayStarts[dayIndex] + hour * 3600L + random.nextInt(3600));
	}

	/** @return the start of a day, index {@link #DAYS} being tomorrow */
	Instant startOf(int dayIndex) {
		return Instant.ofEpochSecond(dayStarts[dayIndex]);
	}

	boolean weekend(int dayIndex) {
		return weekends[dayIndex];
	}

	/** Draws an index with probability proportional to its weight. */
	static int draw(SplittableRandom random, double[] weights) {
		double total = 0;
		for (double weight : weights) {
			total += weight;
		}
		double target = random.nextDouble() * total;
		for (int i = 0; i < weights.length; i++) {
			target -= weights[i];
			if (target < 0) {
				return i;
			}
		}
		int last = weights.length - 1;
		while (weights[last] == 0) {
			last--;
		}
		return last;
	}

	/** @return the campaign whose offers run on a day (the latest sent), or {@code null} */
	Campaign campaignOn(int dayIndex) {
		return running[dayIndex];
	}

	static double seasonalWeight(LocalDate day) {
		double weight = 1.0;
		MonthDay monthDay = MonthDay.from(day);
		if (day.getMonth() == Month.JULY || day.getMonth() == Month.AUGUST) {
			weight *= 1.1;
		}
		if (monthDay.equals(MonthDay.of(11, 11))) {
			weight *= 3.0;
		}
		else if (day.getMonth() == Month.NOVEMBER && day.getDayOfMonth() >= 8 && day.getDayOfMonth() <= 13) {
			weight *= 1.6;
		}
		if (day.getMonth() == Month.DECEMBER && day.getDayOfMonth() >= 24 && day.getDayOfMonth() <= 25) {
			weight *= 2.0;
		}
		else if (day.getMonth() == Month.DECEMBER && day.getDayOfMonth() >= 15) {
			weight *= 1.35;
		}
		if (day.getMonth() == Month.OCTOBER && day.getDayOfMonth() <= 7) {
			weight *= 1.5;
		}
		if (day.getMonth() == Month.JUNE && day.getDayOfMonth() >= 15 && day.getDayOfMonth() <= 18) {
			weight *= 1.4;
		}
		LocalDate newYear = newYear(day.getYear());
		long toNewYear = ChronoUnit.DAYS.between(day, newYear);
		if (toNewYear >= 1 && toNewYear <= 14) {
			weight *= 1.7;
		}
		else if (toNewYear <= 0 && toNewYear >= -3) {
			weight *= 0.6;
		}
		else if (toNewYear < -3 && toNewYear >= -7) {
			weight *= 1.3;
		}
		return weight;
	}

	static LocalDate newYear(int year) {
		return lookup(NEW_YEARS, year, LocalDate.of(year, 2, 1));
	}

	static LocalDate midAutumn(int year) {
		return lookup(MID_AUTUMNS, year, LocalDate.of(year, 9, 20));
	}

	private static List<Campaign> campaignsBetween(LocalDate first, LocalDate last) {
		List<Campaign> all = new ArrayList<>();
		for (int year = first.getYear(); year <= last.getYear(); year++) {
			LocalDate newYear = newYear(year);
			LocalDate midAutumn = midAutumn(year);
			all.add(new Campaign("CNY" + year, newYear.minusDays(14), newYear.minusDays(14), newYear.plusDays(7)));
			all.add(new Campaign("WOMENSDAY" + year, LocalDate.of(year, 3, 1), LocalDate.of(year, 3, 1),
					LocalDate.of(year, 3, 8)));
			all.add(new Campaign("MIDYEAR618_" + year, LocalDate.of(year, 6, 10), LocalDate.of(year, 6, 10),
					LocalDate.of(year, 6, 18)));
			all.add(new Campaign("SUMMER" + year, LocalDate.of(year, 7, 10), LocalDate.of(year, 7, 10),
					LocalDate.of(year, 8, 31)));
			all.add(new Campaign("MIDAUTUMN" + year, midAutumn.minusDays(10), midAutumn.minusDays(10), midAutumn));
			all.add(new Campaign("GOLDENWEEK" + year, LocalDate.of(year, 9, 26), LocalDate.of(year, 10, 1),
					LocalDate.of(year, 10, 7)));
			all.add(new Campaign("DOUBLE11_" + year, LocalDate.of(year, 11, 1), LocalDate.of(year, 11, 1),
					LocalDate.of(year, 11, 11)));
			all.add(new Campaign("XMAS" + year, LocalDate.of(year, 12, 12), LocalDate.of(year, 12, 12),
					LocalDate.of(year, 12, 25)));
		}
		return all.stream()
			.filter(campaign -> !campaign.sendDay().isBefore(first) && !campaign.sendDay().isAfter(last))
			.sorted(Comparator.comparing(Campaign::sendDay))
			.toList();
	}

	private static LocalDate lookup(LocalDate[] table, int year, LocalDate fallback) {
		return Arrays.stream(table).filter(date -> date.getYear() == year).findFirst().orElse(fallback);
	}

	private static LocalDate[] dates(String... isoDates) {
		return Arrays.stream(isoDates).map(LocalDate::parse).toArray(LocalDate[]::new);
	}

	/**
	 * A marketing campaign: messages go out on the send day, offers run from start to end.
	 *
	 * @param id e.g. {@code DOUBLE11_2026}
	 * @param sendDay when e-mails, SMS and pushes go out
	 * @param startDay first day of the offers
	 * @param endDay last day of the offers
	 */
	record Campaign(String id, LocalDate sendDay, LocalDate startDay, LocalDate endDay) {
	}
}
