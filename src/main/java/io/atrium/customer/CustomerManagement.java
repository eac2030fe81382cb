package io.atrium.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.atrium.customer.ConsentLedger.ConsentEntry;
import io.atrium.customer.Customers.CustomerQuery;
import io.atrium.customer.Identities.Identity;
import io.atrium.shared.Conflict;
import io.atrium.shared.Cursor;
import io.atrium.shared.CustomerId;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases behind the customer API: create, read, merge-patch and search profiles, read and append to
 * the consent ledger. Every request is validated in full before anything is written, and each use case runs
 * in one transaction, so a refused request changes nothing.
 */
@Service
class CustomerManagement {

	static final String SOURCE = "api";

	static final String DEFAULT_LEGAL_BASIS = "consent";

	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private static final Set<String> READ_ONLY = Set.of("customer_id", "external_id", "status", "identities",
			"consents", "merged_into", "created_at", "updated_at", "version");

	private static final Map<String, IdentityKind> IDENTITY_FIELDS = Map.of("email", IdentityKind.EMAIL, "phone",
			IdentityKind.PHONE, "member_card", IdentityKind.MEMBER_CARD, "device_id", IdentityKind.DEVICE_ID);

	private static final Set<String> TEXT_FIELDS = Set.of("first_name", "last_name", "city", "member_tier");

	private final Customers customers;

	private final Identities identities;

	private final ProfileReads reads;

	private final ConsentLedger ledger;

	private final CustomerTexts texts;

	private final Clock clock;

	private final Tombstones tombstones;

	CustomerManagement(Customers customers, Identities identities, ConsentLedger ledger, ProfileReads reads,
			CustomerTexts texts, Clock clock, Tombstones tombstones) {
		this.customers = customers;
		this.reads = reads;
		this.identities = identities;
		this.ledger = ledger;
		this.texts = texts;
		this.clock = clock;
		this.tombstones = tombstones;
	}

	@Transactional
	CustomerProfile create(CreateCustomerRequest request, String actor) {
		LocalDate today = LocalDate.now(clock);
		Violations violations = new Violations(texts);
		ProfileRules.externalId(request.externalId(), violations);
		ProfileRules.text("first_name", request.firstName(), violations);
		ProfileRules.text("last_name", request.lastName(), violations);
		ProfileRules.text("city", request.city(), violations);
		ProfileRules.text("member_tier", request.memberTier(), violations);
		ProfileRules.email("email", request.email(), violations);
		ProfileRules.phone("phone", request.phone(), violations);
		ProfileRules.identifier("member_card", request.memberCard(), violations);
		ProfileRules.identifier("device_id", request.deviceId(), violations);
		ProfileRules.oneOf("gender", request.gender(), ProfileRules.GENDERS, violations);
		LocalDate birthDate = date("birth_date", request.birthDate(), today, violations);
		LocalDate memberSince = date("member_since", request.memberSince(), today, violations);
		ProfileRules.locale(request.locale(), violations);
		Traits.validate(request.traits(), false, violations);
		Map<String, String> consents = new TreeMap<>(request.consents() == null ? Map.of() : request.consents());
		consents.forEach((channel, status) -> {
			if (!ProfileRules.CHANNELS.contains(channel)) {
				violations.add("consents." + channel, "one-of", String.join(", ", sorted(ProfileRules.CHANNELS)));
			}
			else {
				ProfileRules.oneOf("consents." + channel, status == null ? "" : status, ProfileRules.CONSENT_STATUSES,
						violations);
			}
		});
		violations.throwIfAny();

		if (tombstones.isErased(request.email()) || tombstones.isErased(request.phone())) {
			throw new PersonErased(texts.get("customer.erased"));
		}
		if (customers.findByExternalId(request.externalId()).isPresent()) {
			throw new DuplicateCustomer(texts.get("customer.duplicate"));
		}
		Map<String, String> identityValues = new LinkedHashMap<>();
		put(identityValues, "email", request.email());
		put(identityValues, "phone", request.phone());
		put(identityValues, "member_card", request.memberCard());
		put(identityValues, "device_id", request.deviceId());
		identityValues.forEach((field, value) -> {
			if (identities.owner(IDENTITY_FIELDS.get(field), value).isPresent()) {
				throw identityTaken(field);
			}
		});
		Instant now = clock.instant();
		CustomerRow row = new CustomerRow(CustomerId.random(), request.externalId(), CustomerRow.ACTIVE,
				clean(request.firstName()), clean(request.lastName()), request.gender(), birthDate,
				clean(request.city()), clean(request.memberTier()), memberSince, request.locale(),
				request.traits() == null ? Map.of() : request.traits(), null, now, now, 0);
		if (!customers.insertIfAbsent(row)) {
			throw new DuplicateCustomer(texts.get("customer.duplicate"));
		}
		identityValues.forEach((field, value) -> {
			if (!identities.add(row.id(), IDENTITY_FIELDS.get(field), value, SOURCE, now)) {
				throw identityTaken(field);
			}
		});
		consents.forEach((channel, status) -> ledger.append(row.id(), channel, status, SOURCE, DEFAULT_LEGAL_BASIS,
				now, actor, now));
		return profile(customers.find(row.id()).orElseThrow());
	}

	/** One statement, so no transaction: it reads one consistent snapshot on its own. */
	CustomerProfile get(String externalId) {
		return reads.byExternalId(externalId).orElseThrow(() -> new CustomerNotFound(texts.get("customer.not-found")));
	}

	/** Applies a merge patch to a profile given by id (other modules, through {@link ProfileUpdates}). */
	@Transactional
	CustomerProfile patch(CustomerId id, Map<String, Object> patch) {
		CustomerRow row = customers.find(id).orElseThrow(() -> new CustomerNotFound(texts.get("customer.not-found")));
		if (row.mergedInto() != null) {
			row = customers.find(row.mergedInto()).orElseThrow(() -> new CustomerNotFound(texts.get("customer.not-found")));
		}
		if (row.externalId() == null) {
			throw InvalidInput.of("customer_id", "an anonymous profile has no editable profile fields");
		}
		return patch(row.externalId(), patch, null);
	}

	/**
	 * Applies a JSON merge patch (RFC 7396): absent fields stay, {@code null} clears a field (or removes a
	 * trait, or the primary identity of that kind), values replace. {@code traits} is merged key by key.
	 */
	@Transactional
	CustomerProfile patch(String externalId, Map<String, Object> patch, Long expectedVersion) {
		CustomerRow current = customers.lock(existing(externalId).id()).orElseThrow();
		if (expectedVersion != null && expectedVersion != current.version()) {
			throw new CustomerChanged(texts.get("customer.changed", current.version()));
		}
		if (current.merged()) {
			throw new Conflict("customer-merged", texts.get("customer.merged", mergedIntoExternalId(current)));
		}
		LocalDate today = LocalDate.now(clock);
		Violations violations = new Violations(texts);
		Map<String, Object> changes = patch == null ? Map.of() : patch;
		for (String field : changes.keySet()) {
			if (READ_ONLY.contains(field)) {
				violations.add(field, "not-patchable");
			}
			else if (!TEXT_FIELDS.contains(field) && !IDENTITY_FIELDS.containsKey(field)
					&& !Set.of("gender", "birth_date", "member_since", "locale", "traits").contains(field)) {
				violations.add(field, "unknown-field");
			}
		}
		Patched<String> firstName = text(changes, "first_name", current.firstName(), violations);
		Patched<String> lastName = text(changes, "last_name", current.lastName(), violations);
		Patched<String> city = text(changes, "city", current.city(), violations);
		Patched<String> memberTier = text(changes, "member_tier", current.memberTier(), violations);
		Patched<String> gender = string(changes, "gender", current.gender(), violations);
		ProfileRules.oneOf("gender", gender.value(), ProfileRules.GENDERS, violations);
		Patched<String> locale = string(changes, "locale", current.locale(), violations);
		ProfileRules.locale(locale.value(), violations);
		Patched<String> birth = string(changes, "birth_date", null, violations);
		LocalDate birthDate = changes.containsKey("birth_date")
				? date("birth_date", birth.value(), today, violations) : current.birthDate();
		Patched<String> since = string(changes, "member_since", null, violations);
		LocalDate memberSince = changes.containsKey("member_since")
				? date("member_since", since.value(), today, violations) : current.memberSince();
		Map<String, Object> traits = traits(changes, current.traits(), violations);
		Map<IdentityKind, Patched<String>> identityChanges = new LinkedHashMap<>();
		IDENTITY_FIELDS.forEach((field, kind) -> {
			if (changes.containsKey(field)) {
				Patched<String> value = string(changes, field, null, violations);
				if (kind == IdentityKind.EMAIL) {
					ProfileRules.email(field, value.value(), violations);
				}
				else if (kind == IdentityKind.PHONE) {
					ProfileRules.phone(field, value.value(), violations);
				}
				else {
					ProfileRules.identifier(field, value.value(), violations);
				}
				identityChanges.put(kind, value);
			}
		});
		violations.throwIfAny();

		identityChanges.forEach((kind, value) -> {
			if ((kind == IdentityKind.EMAIL || kind == IdentityKind.PHONE) && tombstones.isErased(value.value())) {
				throw new PersonErased(texts.get("customer.erased"));
			}
		});
		identityChanges.forEach((kind, value) -> {
			if (value.value() != null) {
				Optional<CustomerId> owner = identities.owner(kind, value.value());
				if (owner.isPresent() && !owner.get().equals(current.id())) {
					throw identityTaken(kind.code());
				}
			}
		});
		Instant now = clock.instant();
		boolean identitiesChanged = false;
		for (Map.Entry<IdentityKind, Patched<String>> change : identityChanges.entrySet()) {
			identitiesChanged |= applyIdentity(current.id(), change.getKey(), change.getValue().value(), now);
		}
		CustomerRow next = current.withNames(firstName.value(), lastName.value())
			.withDemographics(gender.value(), birthDate, city.value())
			.withMembership(memberTier.value(), memberSince, locale.value())
			.withTraits(traits);
		if (identitiesChanged || !next.equals(current)) {
			next = customers.update(next, now);
		}
		return profile(next);
	}

	@Transactional(readOnly = true)
	Page<CustomerProfile> search(String q, String email, String phone, String memberCard, String status,
			String memberTier, Integer limit, String cursor, String sort) {
		int size = Limit.of(limit);
		CustomerSort order = CustomerSort.of(sort)
			.orElseThrow(() -> InvalidInput.of("sort", texts.get("validation.sort", String.join(", ", CustomerSort.names()))));
		Violations violations = new Violations(texts);
		ProfileRules.oneOf("status", status, ProfileRules.STATUSES, violations);
		String prefix = q == null || q.isBlank() ? null : q.strip();
		if (prefix != null) {
			ProfileRules.text("q", prefix, violations);
		}
		violations.throwIfAny();
		Map<IdentityKind, byte[]> lookups = new LinkedHashMap<>();
		if (email != null && !email.isBlank()) {
			lookups.put(IdentityKind.EMAIL, identities.lookup(IdentityKind.EMAIL, email));
		}
		if (phone != null && !phone.isBlank()) {
			lookups.put(IdentityKind.PHONE, identities.lookup(IdentityKind.PHONE, phone));
		}
		if (memberCard != null && !memberCard.isBlank()) {
			lookups.put(IdentityKind.MEMBER_CARD, identities.lookup(IdentityKind.MEMBER_CARD, memberCard));
		}
		List<String> after = Cursor.decode(cursor, order.cursorParts());
		Page<CustomerRow> rows = customers.search(new CustomerQuery(prefix, lookups, status,
				memberTier == null || memberTier.isBlank() ? null : memberTier.strip(), order, after, size));
		return new Page<>(profiles(rows.items()), rows.nextCursor());
	}

	@Transactional(readOnly = true)
	Page<ConsentEntry> consents(String externalId, Integer limit, String cursor) {
		int size = Limit.of(limit);
		return ledger.page(existing(externalId).id(), size, cursor);
	}

	@Transactional
	ConsentEntry recordConsent(String externalId, RecordConsentRequest request, String actor) {
		Instant now = clock.instant();
		Violations violations = new Violations(texts);
		required("channel", request.channel(), violations);
		ProfileRules.oneOf("channel", request.channel(), ProfileRules.CHANNELS, violations);
		required("status", request.status(), violations);
		ProfileRules.oneOf("status", request.status(), ProfileRules.CONSENT_STATUSES, violations);
		ProfileRules.text("source", request.source(), violations);
		ProfileRules.oneOf("legal_basis", request.legalBasis(), ProfileRules.LEGAL_BASES, violations);
		Instant occurredAt = request.occurredAt() == null ? now : request.occurredAt().toInstant();
		if (occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
			violations.add("occurred_at", "future");
		}
		violations.throwIfAny();
		CustomerRow row = existing(externalId);
		if (row.merged()) {
			throw new Conflict("customer-merged", texts.get("customer.merged", mergedIntoExternalId(row)));
		}
		return ledger.append(row.id(), request.channel(), request.status(),
				request.source() == null ? SOURCE : request.source().strip(),
				request.legalBasis() == null ? DEFAULT_LEGAL_BASIS : request.legalBasis(), occurredAt, actor, now);
	}

	private boolean applyIdentity(CustomerId customer, IdentityKind kind, String value, Instant now) {
		if (value == null) {
			identities.removePrimary(customer, kind);
			return true;
		}
		if (identities.isPrimary(customer, kind, value)) {
			return false;
		}
		identities.remove(customer, kind, value);
		identities.replacePrimary(customer, kind, value, SOURCE, now);
		return true;
	}

	private CustomerRow existing(String externalId) {
		return customers.findByExternalId(externalId)
			.orElseThrow(() -> new CustomerNotFound(texts.get("customer.not-found")));
	}

	private String mergedIntoExternalId(CustomerRow row) {
		return row.mergedInto() == null ? "?"
				: customers.find(row.mergedInto()).map(CustomerRow::externalId).orElse("?");
	}

	private CustomerProfile profile(CustomerRow row) {
		return profiles(List.of(row)).get(0);
	}

	private List<CustomerProfile> profiles(List<CustomerRow> rows) {
		List<CustomerId> ids = rows.stream().map(CustomerRow::id).toList();
		Map<CustomerId, List<Identity>> held = identities.of(ids);
		Map<CustomerId, Map<String, ConsentEntry>> consents = ledger.current(ids);
		Map<CustomerId, CustomerRow> survivors = customers
			.findAll(rows.stream().map(CustomerRow::mergedInto).filter(java.util.Objects::nonNull).distinct().toList());
		List<CustomerProfile> result = new ArrayList<>();
		for (CustomerRow row : rows) {
			CustomerRow survivor = row.mergedInto() == null ? null : survivors.get(row.mergedInto());
			result.add(new CustomerProfile(row, held.getOrDefault(row.id(), List.of()),
					consents.getOrDefault(row.id(), Map.of()), survivor == null ? null : survivor.externalId()));
		}
		return result;
	}

	private IdentityTaken identityTaken(String field) {
		return new IdentityTaken(field, texts.get("customer.identity-taken", texts.get("field." + field)));
	}

	private Map<String, Object> traits(Map<String, Object> changes, Map<String, Object> current,
			Violations violations) {
		if (!changes.containsKey("traits")) {
			return current;
		}
		Object value = changes.get("traits");
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?> map)) {
			violations.add("traits", "not-object");
			return current;
		}
		Map<String, Object> patch = new LinkedHashMap<>();
		map.forEach((key, item) -> patch.put(String.valueOf(key), item));
		Traits.validate(patch, true, violations);
		Map<String, Object> merged = Traits.merge(current, patch);
		if (merged.size() > Traits.MAX_KEYS) {
			violations.add("traits", "too-many-traits", Traits.MAX_KEYS);
		}
		return merged;
	}

	private static Patched<String> text(Map<String, Object> changes, String field, String current,
			Violations violations) {
		Patched<String> value = string(changes, field, current, violations);
		if (changes.containsKey(field)) {
			ProfileRules.text(field, value.value(), violations);
			return new Patched<>(clean(value.value()));
		}
		return value;
	}

	private static Patched<String> string(Map<String, Object> changes, String field, String current,
			Violations violations) {
		if (!changes.containsKey(field)) {
			return new Patched<>(current);
		}
		Object value = changes.get(field);
		if (value == null || value instanceof String) {
			return new Patched<>((String) value);
		}
		violations.add(field, "wrong-type");
		return new Patched<>(current);
	}

	private static LocalDate date(String field, String value, LocalDate today, Violations violations) {
		if (value == null) {
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(value.strip());
			ProfileRules.date(field, date, today, violations);
			return date;
		}
		catch (DateTimeParseException ex) {
			violations.add(field, "date");
			return null;
		}
	}

	private static void required(String field, String value, Violations violations) {
		if (value == null || value.isBlank()) {
			violations.add(field, "required");
		}
	}

	private static void put(Map<String, String> values, String field, String value) {
		if (value != null) {
			values.put(field, value.strip());
		}
	}

	private static String clean(String value) {
		return value == null ? null : value.strip();
	}

	private static List<String> sorted(Set<String> values) {
		return values.stream().sorted().toList();
	}

	/** A field's value after the patch (which may be the unchanged current value). */
	private record Patched<T>(T value) {
	}
}
