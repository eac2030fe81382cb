package io.atrium.customer;

import java.time.Instant;
import java.time.LocalDate;
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
}
