package io.atrium.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.atrium.shared.CustomerId;

/**
 * A profile as stored in {@code customer}: the typed fields, the free-form traits, and its place in merges.
 * Email and phone are identities, not columns. Changed only through the {@code with…} copies and saved by
 * {@link Customers#update}.
 */
record CustomerRow(CustomerId id, String externalId, String status, String firstName, String lastName,
		String gender, LocalDate birthDate, String city, String memberTier, LocalDate memberSince, String locale,
		Map<String, Object> traits, CustomerId mergedInto, Instant createdAt, Instant updatedAt, long version) {

	static final String ACTIVE = "active";

	static final String ANONYMOUS = "anonymous";

	static final String MERGED = "merged";

	CustomerRow {
		traits = Map.copyOf(Traits.copy(traits));
	}

	static CustomerRow newProfile(CustomerId id, String externalId, String status, Instant now) {
		return new CustomerRow(id, externalId, status, null, null, null, null, null, null, null, null, Map.of(),
				null, now, now, 0);
	}

	boolean merged() {
		return MERGED.equals(status);
	}

	boolean anonymous() {
		return ANONYMOUS.equals(status);
	}

	CustomerRow withNames(String first, String last) {
		return new CustomerRow(id, externalId, status, first, last, gender, birthDate, city, memberTier, memberSince,
				locale, traits, mergedInto, createdAt, updatedAt, version);
	}

	CustomerRow withDemographics(String gender, LocalDate birthDate, String city) {
		return new CustomerRow(id, externalId, status, firstName, lastName, gender, birthDate, city, memberTier,
				memberSince, locale, traits, mergedInto, createdAt, updatedAt, version);
	}

	CustomerRow withMembership(String memberTier, LocalDate memberSince, String locale) {
		return new CustomerRow(id, externalId, status, firstName, lastName, gender, birthDate, city, memberTier,
				memberSince, locale, traits, mergedInto, createdAt, updatedAt, version);
	}

	CustomerRow withTraits(Map<String, Object> traits) {
		return new CustomerRow(id, externalId, status, firstName, lastName, gender, birthDate, city, memberTier,
				memberSince, locale, traits, mergedInto, createdAt, updatedAt, version);
	}

	CustomerRow promotedTo(String externalId) {
		return new CustomerRow(id, externalId, ACTIVE, firstName, lastName, gender, birthDate, city, memberTier,
				memberSince, locale, traits, mergedInto, createdAt, updatedAt, version);
	}

	CustomerRow mergedInto(CustomerId survivor) {
		return new CustomerRow(id, externalId, MERGED, firstName, lastName, gender, birthDate, city, memberTier,
				memberSince, locale, traits, survivor, createdAt, updatedAt, version);
	}

	/** @return this profile with the other's typed fields filling its gaps and its traits winning over theirs */
	CustomerRow absorbing(CustomerRow other) {
		Map<String, Object> combined = new java.util.LinkedHashMap<>(other.traits);
		combined.putAll(traits);
		return new CustomerRow(id, externalId, status, or(firstName, other.firstName), or(lastName, other.lastName),
				or(gender, other.gender), or(birthDate, other.birthDate), or(city, other.city),
				or(memberTier, other.memberTier), or(memberSince, other.memberSince), or(locale, other.locale),
				combined, mergedInto, createdAt, updatedAt, version);
	}

	private static <T> T or(T mine, T theirs) {
		return mine != null ? mine : theirs;
	}

	/** Typed fields a merge may fill from the absorbed profile. */
	static final List<String> FILLABLE = List.of("first_name", "last_name", "gender", "birth_date", "city",
			"member_tier", "member_since", "locale");

	Object field(String name) {
		switch (name) {
			case "first_name":
				return firstName;
			case "last_name":
				return lastName;
			case "gender":
				return gender;
			case "birth_date":
				return birthDate;
			case "city":
				return city;
			case "member_tier":
				return memberTier;
			case "member_since":
				return memberSince;
			case "locale":
				return locale;
			default:
				throw new IllegalArgumentException(name);
		}
	}

	/**
	 * @return this profile without the fields and trait keys a merge took from {@code absorbed}, each cleared only
	 * while it still holds the absorbed profile's value
	 */
	CustomerRow without(List<String> fields, List<String> traitKeys, CustomerRow absorbed) {
		java.util.function.Function<String, Boolean> clear = name -> fields.contains(name)
				&& java.util.Objects.equals(field(name), absorbed.field(name));
		Map<String, Object> keptTraits = new java.util.LinkedHashMap<>(traits);
		for (String key : traitKeys) {
			if (java.util.Objects.equals(keptTraits.get(key), absorbed.traits.get(key))) {
				keptTraits.remove(key);
			}
		}
		return new CustomerRow(id, externalId, status, clear.apply("first_name") ? null : firstName,
				clear.apply("last_name") ? null : lastName, clear.apply("gender") ? null : gender,
				clear.apply("birth_date") ? null : birthDate, clear.apply("city") ? null : city,
				clear.apply("member_tier") ? null : memberTier, clear.apply("member_since") ? null : memberSince,
				clear.apply("locale") ? null : locale, keptTraits, mergedInto, createdAt, updatedAt, version);
	}

	/** @return this merged profile standing alone again with its former status */
	CustomerRow restoredAs(String formerStatus) {
		return new CustomerRow(id, externalId, formerStatus, firstName, lastName, gender, birthDate, city, memberTier,
				memberSince, locale, traits, null, createdAt, updatedAt, version);
	}
}
