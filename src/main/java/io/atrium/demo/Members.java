package io.atrium.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Draws member profiles: persona, name, contact identifiers, demographics, membership, traits and consents.
 * Email addresses, phone numbers and member cards are bijections of the member number, so they are unique
 * at any size; e-mail addresses use the reserved {@code example.*} domains so no real mailbox is ever hit.
 */
final class Members {

	private static final String[] CITIES = { "Shanghai", "Suzhou", "Hangzhou", "Nanjing", "Wuxi", "Ningbo",
			"Beijing", "Shenzhen", "Guangzhou", "Chengdu" };

	private static final double[] CITY_WEIGHTS = { 78, 5, 4, 3, 2, 2, 2, 1.5, 1.5, 1 };

	private static final String[] DOMAINS = { "example.com", "example.net", "example.org" };

	private static final char[] MOBILE_PREFIXES = { '3', '5', '7', '8', '9' };

	private static final double[] PERSONA_SHARES = new double[Persona.values().length];

	static {
		for (Persona persona : Persona.values()) {
			PERSONA_SHARES[persona.ordinal()] = persona.share();
		}
	}

	private final long seed;

	private final MallCalendar calendar;

	Members(long seed, MallCalendar calendar) {
		this.seed = seed;
		this.calendar = calendar;
	}

	/**
	 * @param number 1-based member number
	 * @return the member's habits and facts, the same for the same seed, number and calendar
	 */
	Member member(int number) {
		SplittableRandom random = Draws.forMember(seed, number, Draws.PROFILE_STREAM);
		Persona persona = Persona.values()[MallCalendar.draw(random, PERSONA_SHARES)];
		Habits habits = Habits.of(persona);
		UUID id = Draws.orderedUuid(seed, number, 0, random.nextLong());
		boolean female = Draws.chance(random, persona == Persona.OFFICE_WORKER ? 0.5 : 0.56);
		boolean expatriate = Draws.chance(random, 0.07);
		LocalDate today = calendar.today();
		int age = habits.minAge() + random.nextInt(habits.maxAge() - habits.minAge() + 1);
		LocalDate birthDate = today.minusYears(age).minusDays(random.nextInt(365));
		String city = CITIES[MallCalendar.draw(random, CITY_WEIGHTS)];

		int daysAsMember = switch (persona) {
			case NEW_MEMBER -> random.nextInt(60);
			case LAPSED -> 210 + (int) Math.min(4_000, -700 * Math.log(1 - random.nextDouble()));
			default -> 60 + (int) Math.min(4_500, -900 * Math.log(1 - random.nextDouble()));
		};
		LocalDate memberSince = today.minusDays(daysAsMember);
		int activeFrom = calendar.indexOf(memberSince);
		int activeTo = MallCalendar.DAYS - 1;
		if (persona == Persona.LAPSED) {
			activeTo = MallCalendar.DAYS - 1 - (60 + random.nextInt(121));
			activeFrom = Math.min(activeFrom, activeTo);
		}
		Instant createdAt = memberSince.atTime(LocalTime.of(10, 0))
			.plusSeconds(random.nextInt(12 * 3600))
			.atZone(calendar.zone())
			.toInstant();
		if (createdAt.isAfter(calendar.now())) {
			createdAt = calendar.now();
		}

		double spendFactor = Draws.logNormal(random, 0.35);
		double years = Math.max(daysAsMember, 30) / 365.0;
		long lifetimeSpend = Math.round(habits.annualSpend() * spendFactor * years);
		StoreCategory preferred = StoreCategory.values()[MallCalendar.draw(random, habits.categories())];
		boolean hasCar = Draws.chance(random, habits.carShare());
		boolean wechat = Draws.chance(random, persona == Persona.BROWSER ? 0.92 : 0.72);
		int kids = kids(random, persona, age);

		Map<String, String> consents = new LinkedHashMap<>();
		consent(random, consents, "email", habits.emailOptIn());
		consent(random, consents, "sms", habits.smsOptIn());
		consent(random, consents, "push", wechat ? habits.pushOptIn() : habits.pushOptIn() / 3);
		return new Member(number, id, persona, habits, female, expatriate, birthDate, city, memberSince, createdAt,
				activeFrom, activeTo, hasCar, wechat, kids, spendFactor, lifetimeSpend, preferred,
				Collections.unmodifiableMap(consents));
	}

	/**
	 * @param member from {@link #member(int)}
	 * @return the member's profile with name and contact identifiers
	 */
	MallCustomer customer(Member member) {
		SplittableRandom random = Draws.forMember(seed, member.number(), Draws.IDENTITY_STREAM);
		Names.Name name = member.expatriate() ? Names.western(random, member.female())
				: Names.chinese(random, member.female());
		Map<String, Object> traits = new LinkedHashMap<>();
		traits.put("persona", member.persona().code());
		traits.put("preferred_category", member.preferredCategory().code());
		traits.put("has_car", member.hasCar());
		traits.put("kids_count", member.kids());
		traits.put("wechat_linked", member.appUser());
		traits.put("lifetime_spend_cny", member.lifetimeSpend());
		return new MallCustomer(member.number(), member.id(), externalId(member.number()), member.persona(),
				name.first(), name.last(), email(random, member.number(), name), phone(random, member.number()),
				memberCard(member.number()), member.female() ? "female" : "male", member.birthDate(), member.city(),
				tier(member.lifetimeSpend()), member.memberSince(), member.locale(),
				Collections.unmodifiableMap(traits), member.createdAt(), member.consents());
	}

	/** {@code CUST} and the member number, zero-padded to at least three digits: CUST001, CUST999, CUST1000. */
	static String externalId(int number) {
		return "CUST" + padded(number, 3);
	}

	static String tier(long lifetimeSpend) {
		if (lifetimeSpend >= 300_000) {
			return "diamond";
		}
		if (lifetimeSpend >= 80_000) {
			return "platinum";
		}
		if (lifetimeSpend >= 20_000) {
			return "gold";
		}
		return "silver";
	}

	private String email(SplittableRandom random, int number, Names.Name name) {
		String digits = padded(Draws.scramble(number, 10_000_000L, seed), 7);
		String local = switch (random.nextInt(3)) {
			case 0 -> name.firstAscii() + "." + name.lastAscii();
			case 1 -> name.lastAscii() + name.firstAscii();
			default -> name.firstAscii() + "_" + name.lastAscii();
		};
		return local + digits + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
	}

	private String phone(SplittableRandom random, int number) {
		return "+861" + MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] + random.nextInt(10)
				+ padded(Draws.scramble(number, 100_000_000L, seed + 1), 8);
	}

	private String memberCard(int number) {
		return "SBM" + padded(Draws.scramble(number, 10_000_000_000L, seed + 2), 10);
	}

	private static String padded(long value, int digits) {
		String text = Long.toString(value);
		return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
	}

	private static int kids(SplittableRandom random, Persona persona, int age) {
		if (persona == Persona.WEEKEND_FAMILY) {
			return 1 + (Draws.chance(random, 0.35) ? 1 : 0) + (Draws.chance(random, 0.05) ? 1 : 0);
		}
		return age >= 30 && Draws.chance(random, 0.3) ? 1 : 0;
	}

	private static void consent(SplittableRandom random, Map<String, String> consents, String channel,
			double optIn) {
		if (Draws.chance(random, optIn)) {
			consents.put(channel, Draws.chance(random, 0.07) ? "withdrawn" : "granted");
		}
	}
}
