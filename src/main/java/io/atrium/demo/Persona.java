package io.atrium.demo;

/**
 * The kinds of member the synthetic mall is made of, with their share of the membership. A persona decides a
 * member's habits: when and how often they come, where they shop, how much they spend and which messages they
 * answer.
 */
public enum Persona {

	/** Comes several times a month, spends steadily across fashion, beauty and dining. */
	FREQUENT_SHOPPER("frequent_shopper", 12),

	/** Comes with children at weekends: kids' stores, dining, cinema, the supermarket. */
	WEEKEND_FAMILY("weekend_family", 17),

	/** Works in Lujiazui: weekday lunch and after-work visits, food and services. */
	OFFICE_WORKER("office_worker", 18),

	/** Was active earlier in the year and has been silent for the last 60 to 180 days. */
	LAPSED("lapsed", 12),

	/** Joined in the last 60 days. */
	NEW_MEMBER("new", 8),

	/** High spend and high frequency, luxury first. */
	VIP("vip", 4),

	/** Comes for campaigns and discounts, answers messages, spends little per ticket. */
	BARGAIN_HUNTER("bargain_hunter", 14),

	/** Uses the app and the website a lot, rarely buys. */
	BROWSER("browser", 15);

	private final String code;

	private final int share;

	Persona(String code, int share) {
		this.code = code;
		this.share = share;
	}

	/** @return the persona's name in data and APIs, e.g. {@code weekend_family} */
	public String code() {
		return code;
	}

	/** @return percentage of members with this persona; all shares add up to 100 */
	public int share() {
		return share;
	}
}
