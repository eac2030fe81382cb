package io.atrium.customer;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The traits of a Segment {@code identify} call, split into the profile's typed fields and the rest. Typed
 * values in an unusable form are dropped rather than refused: ingestion must accept the event.
 * <p>
 * Recognised: {@code email}, {@code phone}, {@code first_name}/{@code firstName}, {@code last_name}/{@code lastName},
 * {@code name} (split at the first space when no first or last name is given; a name without a space becomes the
 * first name), {@code gender}, {@code birthday}/{@code birth_date}/{@code birthDate} (ISO date or date-time),
 * {@code city} (or {@code address.city}), {@code member_card}/{@code memberCard},
 * {@code member_tier}/{@code memberTier}. Everything else is a custom trait (see {@link Traits#sanitize}).
 *
 * @param email a well-formed email, or {@code null}
 * @param phone a well-formed phone number, or {@code null}
 * @param firstName or {@code null}
 * @param lastName or {@code null}
 * @param gender {@code female}, {@code male}, {@code other}, {@code unknown}, or {@code null}
 * @param birthDate or {@code null}
 * @param city or {@code null}
 * @param memberCard or {@code null}
 * @param memberTier or {@code null}
 * @param custom the remaining traits, keys and values as received
 */
record SegmentTraits(String email, String phone, String firstName, String lastName, String gender,
		LocalDate birthDate, String city, String memberCard, String memberTier, Map<String, Object> custom) {

	private static final Set<String> TYPED = Set.of("email", "phone", "first_name", "firstname", "last_name",
			"lastname", "name", "gender", "birthday", "birth_date", "birthdate", "city", "address", "member_card",
			"membercard", "member_tier", "membertier");

	static SegmentTraits parse(Map<String, ?> traits, LocalDate today) {
		Map<String, Object> byName = new LinkedHashMap<>();
		Map<String, Object> custom = new LinkedHashMap<>();
		if (traits != null) {
			traits.forEach((key, value) -> {
				String name = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
				if (TYPED.contains(name)) {
					byName.putIfAbsent(name.replace("_", ""), value);
				}
				else if (key != null) {
					custom.put(key, value);
				}
			});
		}
		String email = text(byName.get("email"));
		String phone = text(byName.get("phone"));
		String first = name(byName.get("firstname"));
		String last = name(byName.get("lastname"));
		String full = name(byName.get("name"));
		if (first == null && last == null && full != null) {
			int space = full.indexOf(' ');
			first = space < 0 ? full : full.substring(0, space).strip();
			last = space < 0 ? null : name(full.substring(space + 1));
		}
		String city = name(byName.get("city"));
		if (city == null && byName.get("address") instanceof Map<?, ?> address) {
			city = name(address.get("city"));
		}
		String card = text(byName.get("membercard"));
		return new SegmentTraits(email != null && ProfileRules.isEmail(email) ? email : null,
				phone != null && ProfileRules.isPhone(phone) ? phone : null, first, last,
				normalizeGender(byName.get("gender")), birthDate(byName.get("birthday"), byName.get("birthdate"), today), city,
				card != null && ProfileRules.IDENTIFIER.matcher(card).matches() ? card : null,
				name(byName.get("membertier")), custom);
	}

	static String normalizeGender(Object value) {
		String text = text(value);
		if (text == null) {
			return null;
		}
		switch (text.toLowerCase(Locale.ROOT)) {
			case "female", "f", "woman", "w":
				return "female";
			case "male", "m", "man":
				return "male";
			case "other", "non-binary", "nonbinary", "diverse", "x":
				return "other";
			case "unknown", "u":
				return "unknown";
			default:
				return null;
		}
	}

	private static LocalDate birthDate(Object birthday, Object birthDate, LocalDate today) {
		String text = text(birthday != null ? birthday : birthDate);
		if (text == null || text.length() < 10) {
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(text.substring(0, 10));
			return date.isBefore(LocalDate.of(1900, 1, 1)) || date.isAfter(today) ? null : date;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String name(Object value) {
		String text = text(value);
		if (text == null || text.length() > ProfileRules.TEXT_MAX || text.chars().anyMatch(Character::isISOControl)) {
			return null;
		}
		return text;
	}

	private static String text(Object value) {
		if (value instanceof String string) {
			String stripped = string.strip();
			return stripped.isEmpty() ? null : stripped;
		}
		if (value instanceof Number number) {
			return number.toString();
		}
		return null;
	}
}
