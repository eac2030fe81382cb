package io.atrium.demo;

/**
 * The habits of one persona, as rates and weights the generator draws from. Rates are per member and year
 * of activity; probabilities lie between 0 and 1; weekday weights run Monday to Sunday; hour weights cover the
 * 24 hours of the mall's local day; category weights follow {@link StoreCategory} order.
 */
record Habits(double visitsPerYear, double extraStores, double conversion, double spend, double annualSpend,
		double webPerYear, double appPerYear, double emailOptIn, double smsOptIn, double pushOptIn, double openRate,
		double clickRate, double smsClickRate, double pushOpenRate, int visitMinutes, double carShare,
		double driveShare, int minAge, int maxAge, double reviewRate, double campaignVisitRate, double[] weekdays,
		double[] weekdayHours, double[] weekendHours, double[] categories) {

	private static final double[] MALL_HOURS = hours(10, 3, 5, 7, 7, 8, 8, 7, 6, 7, 8, 6, 3);

	private static final double[] LUNCH_AND_AFTER_WORK = hours(11, 6, 14, 5, 0, 0, 0, 2, 8, 7, 3, 1);

	private static final double[] FAMILY_DAY = hours(10, 6, 9, 9, 8, 9, 9, 8, 7, 7, 4, 2);

	private static final double[] AFTER_SCHOOL = hours(16, 3, 5, 7, 6, 3);

	/** When members use the app and the website: commute, lunch and late evening. */
	static final double[] DIGITAL_HOURS = { 2, 1, 0.5, 0.2, 0.2, 0.5, 1, 2, 4, 3, 3, 3, 6, 5, 3, 3, 3, 3, 4, 5, 7, 9,
			8, 5 };

	private static final Habits FREQUENT_SHOPPER = new Habits(2.8, 0.7, 1.1, 1.1, 14_000, 1.2, 2.0, 0.65, 0.55, 0.6,
			0.35, 0.3, 0.12, 0.3, 100, 0.45, 0.7, 22, 62, 0.03, 0.15, days(1, 1, 1, 1, 1.2, 1.6, 1.5), MALL_HOURS,
			MALL_HOURS, categories(18, 2, 12, 7, 4, 3, 14, 14, 5, 3, 5, 3, 6, 4));

	private static final Habits WEEKEND_FAMILY = new Habits(1.8, 0.8, 1.0, 1.0, 11_000, 0.8, 1.5, 0.55, 0.5, 0.5,
			0.3, 0.25, 0.1, 0.25, 180, 0.75, 0.85, 29, 48, 0.03, 0.15, days(0.35, 0.35, 0.35, 0.35, 0.5, 3, 3),
			AFTER_SCHOOL, FAMILY_DAY, categories(6, 1, 3, 4, 2, 22, 10, 16, 5, 5, 9, 5, 10, 2));

	private static final Habits OFFICE_WORKER = new Habits(2.3, 0.3, 1.0, 0.8, 7_000, 0.8, 1.5, 0.6, 0.35, 0.55, 0.3,
			0.2, 0.08, 0.25, 50, 0.3, 0.4, 23, 45, 0.02, 0.1, days(1.3, 1.3, 1.3, 1.3, 1.3, 0.3, 0.2),
			LUNCH_AND_AFTER_WORK, MALL_HOURS, categories(8, 1, 5, 3, 3, 1, 30, 18, 2, 3, 4, 3, 6, 13));

	private static final Habits LAPSED = new Habits(1.8, 0.5, 0.9, 0.9, 5_000, 0.8, 0.8, 0.4, 0.3, 0.25, 0.2, 0.15,
			0.05, 0.15, 90, 0.35, 0.6, 20, 65, 0.02, 0.05, days(1, 1, 1, 1, 1.1, 1.5, 1.4), MALL_HOURS, MALL_HOURS,
			categories(14, 1, 8, 6, 5, 5, 16, 16, 5, 4, 6, 4, 6, 4));

	private static final Habits NEW_MEMBER = new Habits(5.0, 0.6, 1.0, 1.0, 6_000, 3.0, 4.5, 0.7, 0.5, 0.6, 0.45, 0.3,
			0.12, 0.35, 100, 0.35, 0.6, 18, 42, 0.03, 0.1, days(1, 1, 1, 1, 1.1, 1.6, 1.5), MALL_HOURS, MALL_HOURS,
			categories(14, 2, 10, 7, 6, 4, 16, 14, 5, 4, 6, 4, 5, 3));

	private static final Habits VIP = new Habits(5.0, 1.0, 1.3, 2.4, 120_000, 1.2, 3.0, 0.8, 0.6, 0.7, 0.45, 0.3, 0.1,
			0.4, 150, 0.85, 0.85, 30, 62, 0.05, 0.1, days(1, 1, 1, 1, 1.2, 1.5, 1.4), MALL_HOURS, MALL_HOURS,
			categories(14, 30, 14, 5, 5, 2, 5, 15, 4, 2, 3, 2, 2, 1));

	private static final Habits BARGAIN_HUNTER = new Habits(0.9, 0.6, 0.9, 0.55, 3_500, 1.5, 2.0, 0.85, 0.8, 0.75,
			0.55, 0.4, 0.25, 0.45, 110, 0.3, 0.5, 25, 68, 0.03, 0.55, days(1, 1, 1, 1, 1.1, 1.4, 1.3), MALL_HOURS,
			MALL_HOURS, categories(22, 0.5, 10, 10, 6, 6, 10, 10, 6, 2, 4, 3, 12, 2));

	private static final Habits BROWSER = new Habits(0.4, 0.4, 0.5, 0.8, 1_500, 4.0, 5.0, 0.45, 0.25, 0.8, 0.3, 0.25,
			0.05, 0.35, 60, 0.25, 0.5, 18, 35, 0.02, 0.05, days(1, 1, 1, 1, 1.1, 1.3, 1.2), MALL_HOURS, MALL_HOURS,
			categories(12, 1, 8, 8, 14, 3, 16, 10, 4, 8, 6, 6, 3, 2));

	static Habits of(Persona persona) {
		return switch (persona) {
			case FREQUENT_SHOPPER -> FREQUENT_SHOPPER;
			case WEEKEND_FAMILY -> WEEKEND_FAMILY;
			case OFFICE_WORKER -> OFFICE_WORKER;
			case LAPSED -> LAPSED;
			case NEW_MEMBER -> NEW_MEMBER;
			case VIP -> VIP;
			case BARGAIN_HUNTER -> BARGAIN_HUNTER;
			case BROWSER -> BROWSER;
		};
	}

	/** @return hour-of-day weights for a visit on a weekend ({@code true}) or weekday */
	double[] hours(boolean weekend) {
		return weekend ? weekendHours : weekdayHours;
	}

	private static double[] hours(int firstHour, double... weights) {
		double[] hours = new double[24];
		System.arraycopy(weights, 0, hours, firstHour, weights.length);
		return hours;
	}

	private static double[] days(double... mondayToSunday) {
		return mondayToSunday;
	}

	private static double[] categories(double... weights) {
		if (weights.length != StoreCategory.values().length) {
			throw new IllegalStateException("One weight per store category");
		}
		return weights;
	}
}
