package io.atrium.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * What the generator decides about a member before naming them: enough to draw the member's touchpoints
 * without building names and contact details.
 *
 * @param number 1-based member number
 * @param id profile id
 * @param persona the member's persona
 * @param habits the persona's habits
 * @param female gender
 * @param expatriate whether the member gets a western name and {@code en-US}
 * @param birthDate date of birth
 * @param city home city
 * @param memberSince day the member joined
 * @param createdAt when the profile was created
 * @param activeFrom first day index (in the calendar's window) the member may appear
 * @param activeTo last day index the member may appear (earlier than today for lapsed members)
 * @param hasCar whether the member drives (parking touchpoints)
 * @param appUser whether the member uses the mall app via WeChat (app sessions, Wi-Fi logins, pushes)
 * @param kids number of children
 * @param spendFactor the member's personal multiplier on ticket sizes
 * @param lifetimeSpend spend since joining, in CNY, which sets the tier
 * @param preferredCategory where the member shops most
 * @param consents channel to {@code granted} or {@code withdrawn}
 */
record Member(int number, UUID id, Persona persona, Habits habits, boolean female, boolean expatriate,
		LocalDate birthDate, String city, LocalDate memberSince, Instant createdAt, int activeFrom, int activeTo,
		boolean hasCar, boolean appUser, int kids, double spendFactor, long lifetimeSpend,
		StoreCategory preferredCategory, Map<String, String> consents) {

	boolean consented(String channel) {
		return "granted".equals(consents.get(channel));
	}

	String locale() {
		return expatriate ? "en-US" : "zh-CN";
	}
}
