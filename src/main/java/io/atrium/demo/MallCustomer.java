package io.atrium.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * A synthetic mall member. Every value is a function of the generator's seed and the member's number only.
 *
 * @param number 1-based position in the mall, never reused
 * @param id profile id, derived from the seed and the number; ids grow with the number
 * @param externalId {@code CUST} and the number zero-padded to at least three digits ({@code CUST001})
 * @param persona the habits the member's touchpoints follow
 * @param firstName given name
 * @param lastName family name
 * @param email unique, on a reserved example domain
 * @param phone unique E.164 mainland mobile number, e.g. {@code +8613812345678}
 * @param memberCard unique, {@code SBM} and ten digits
 * @param gender {@code female} or {@code male}
 * @param birthDate date of birth
 * @param city home city
 * @param memberTier {@code silver}, {@code gold}, {@code platinum} or {@code diamond}, from lifetime spend
 * @param memberSince the day the member joined
 * @param locale {@code zh-CN} mostly, else {@code en-US}
 * @param traits {@code persona}, {@code preferred_category}, {@code has_car}, {@code kids_count},
 * {@code wechat_linked}, {@code lifetime_spend_cny}
 * @param createdAt when the profile was created (on {@code memberSince})
 * @param consents channel ({@code email}, {@code sms}, {@code push}) to {@code granted} or {@code withdrawn};
 * channels never asked are absent
 */
public record MallCustomer(int number, UUID id, String externalId, Persona persona, String firstName, String lastName,
		String email, String phone, String memberCard, String gender, LocalDate birthDate, String city,
		String memberTier, LocalDate memberSince, String locale, Map<String, Object> traits, Instant createdAt,
		Map<String, String> consents) {

	/**
	 * @param channel {@code email}, {@code sms} or {@code push}
	 * @return whether the member currently agrees to messages on the channel
	 */
	public boolean consented(String channel) {
		return "granted".equals(consents.get(channel));
	}
}
