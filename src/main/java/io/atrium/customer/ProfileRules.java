package io.atrium.customer;

import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The formats a profile's fields must have. Each check adds to {@link Violations} and never echoes the
 * offending value, which may be personal data.
 */
final class ProfileRules {

	static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

	static final Pattern IDENTIFIER = Pattern.compile("[\\p{Alnum}_.:@#/+-]{1,128}");

	static final Pattern EMAIL = Pattern
		.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

	static final Pattern PHONE_CHARACTERS = Pattern.compile("\\+?[0-9 ().-]{6,32}");

	static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}");

	static final Set<String> GENDERS = Set.of("female", "male", "other", "unknown");

	static final Set<String> STATUSES = Set.of("active", "anonymous", "merged", "erased");

	static final Set<String> CHANNELS = Set.of("email", "sms", "push");

	static final Set<String> CONSENT_STATUSES = Set.of("granted", "withdrawn");

	static final Set<String> LEGAL_BASES = Set.of("consent", "contract", "legitimate_interest", "legal_obligation");

	static final int TEXT_MAX = 100;

	private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

	private ProfileRules() {
	}

	static void externalId(String value, Violations violations) {
		if (value == null || value.isBlank()) {
			violations.add("external_id", "required");
		}
		else if (!EXTERNAL_ID.matcher(value).matches()) {
			violations.add("external_id", "external-id");
		}
	}

	static void text(String field, String value, Violations violations) {
		if (value == null) {
			return;
		}
		if (value.isBlank()) {
			violations.add(field, "blank");
		}
		else if (value.length() > TEXT_MAX) {
			violations.add(field, "too-long", TEXT_MAX);
		}
		else if (value.chars().anyMatch(Character::isISOControl)) {
			violations.add(field, "control-characters");
		}
	}

	static void email(String field, String value, Violations violations) {
		if (value != null && !isEmail(value)) {
			violations.add(field, "email");
		}
	}

	static void phone(String field, String value, Violations violations) {
		if (value != null && !isPhone(value)) {
			violations.add(field, "phone");
		}
	}

	static void identifier(String field, String value, Violations violations) {
		if (value != null && !IDENTIFIER.matcher(value.strip()).matches()) {
			violations.add(field, "identifier");
		}
	}

	static void oneOf(String field, String value, Set<String> allowed, Violations violations) {
		if (value != null && !allowed.contains(value)) {
			violations.add(field, "one-of", String.join(", ", allowed.stream().sorted().toList()));
		}
	}

	static void date(String field, LocalDate value, LocalDate today, Violations violations) {
		if (value != null && (value.isBefore(EARLIEST) || value.isAfter(today))) {
			violations.add(field, "date-range", EARLIEST.toString(), today.toString());
		}
	}

	static void locale(String value, Violations violations) {
		if (value != null && !LOCALE.matcher(value).matches()) {
			violations.add("locale", "locale");
		}
	}

	static boolean isEmail(String value) {
		String trimmed = value.strip();
		return trimmed.length() <= 254 && EMAIL.matcher(trimmed).matches();
	}

	static boolean isPhone(String value) {
		String trimmed = value.strip();
		if (!PHONE_CHARACTERS.matcher(trimmed).matches()) {
			return false;
		}
		String normalized = PiiProtection.normalize("phone", trimmed);
		int digits = normalized.startsWith("+") ? normalized.length() - 1 : normalized.length();
		return digits >= 6 && digits <= 15;
	}
}
