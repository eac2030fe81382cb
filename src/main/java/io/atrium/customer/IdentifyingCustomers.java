package io.atrium.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identity resolution for ingestion: maps the ids an event carries (the mall's external customer id, an
 * anonymous id) to profiles, creating profiles for ids not seen before, so that nothing accepted is dropped
 * for want of a customer. Implements Segment's {@code identify} and {@code alias} semantics, merging an
 * anonymous profile into the known customer it turns out to be.
 * <p>
 * Identities are never taken from another profile: an email, phone or member card carried by
 * {@code identify} that already belongs to a different profile is skipped and stays with its owner (two
 * people may share a family email; a merge on such evidence would be wrong and cannot be undone). Only an
 * anonymous id joins profiles, and {@code alias} when it says so explicitly.
 */
@Service
public class IdentifyingCustomers {

	static final String ANONYMOUS_PREFIX = "anon:";

	private static final int MAX_ID_LENGTH = 200;

	private final JdbcClient jdbc;

	private final Customers customers;

	private final Identities identities;

	private final ProfileMerging merging;

	private final Clock clock;

	private final Tombstones tombstones;

	private final CustomerTexts texts;

	IdentifyingCustomers(JdbcClient jdbc, Customers customers, Identities identities, ProfileMerging merging,
			Clock clock, Tombstones tombstones, CustomerTexts texts) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.identities = identities;
		this.merging = merging;
		this.clock = clock;
		this.tombstones = tombstones;
		this.texts = texts;
	}

	/**
	 * Resolves external ids in one round trip; ids without a profile get a new active profile holding only
	 * the external id. A profile that was merged into another still resolves to itself; use {@link #identify}
	 * to follow merges. Creation is serialised per id with {@link #identify} and {@link #alias}, so a profile
	 * being promoted to one of these ids is found rather than duplicated.
	 * @param externalIds the mall's customer ids, e.g. {@code CUST001}; blank ones are not allowed
	 * @param source where the ids came from, e.g. {@code api}
	 * @return a profile id for every distinct external id given
	 */
	@Transactional
	public Map<String, CustomerId> resolveOrCreate(Collection<String> externalIds, String source) {
		Map<String, CustomerId> found = lookup(externalIds);
		List<String> missing = externalIds.stream().distinct().filter(id -> !found.containsKey(id)).toList();
		if (!missing.isEmpty()) {
			customers.serialize(missing);
			Instant now = clock.instant();
			for (String externalId : missing) {
				UUID id = UUID.randomUUID();
				int inserted = jdbc.sql("""
						insert into customer (id, external_id, status, created_at, updated_at)
						values (:id, :externalId, 'active', :now, :now)
						on conflict (external_id) do nothing
						""")
					.param("id", id)
					.param("externalId", externalId)
					.param("now", Customers.utc(now))
					.update();
				if (inserted == 1) {
					customers.changed(new CustomerId(id));
				}
			}
			found.putAll(lookup(missing));
		}
		return found;
	}

	/**
	 * @param externalId the mall's customer id
	 * @return the profile id, if a profile has this external id
	 */
	public Optional<CustomerId> findByExternalId(String externalId) {
		return Optional.ofNullable(lookup(List.of(externalId)).get(externalId));
	}

	/**
	 * @param ids profile ids
	 * @return the external id of each profile found
	 */
	public Map<CustomerId, String> externalIds(Collection<CustomerId> ids) {
		Map<CustomerId, String> result = new HashMap<>();
		if (ids.isEmpty()) {
			return result;
		}
		jdbc.sql("select id, external_id from customer where id = any(:ids)")
			.param("ids", ids.stream().map(CustomerId::value).toArray(UUID[]::new))
			.query((rs, n) -> Map.entry(new CustomerId(rs.getObject(1, UUID.class)), rs.getString(2)))
			.list()
			.forEach(e -> result.put(e.getKey(), e.getValue()));
		return result;
	}

	/**
	 * Finds the profile holding an anonymous id (a browser or app installation not yet signed in), or creates
	 * an anonymous profile for it (status {@code anonymous}, external id {@code anon:<anonymousId>}). Safe to
	 * call concurrently for the same id: all callers get the same profile.
	 * @param anonymousId the anonymous id, not blank, at most 200 characters
	 * @param source where it came from, e.g. {@code segment}
	 * @return the profile holding the anonymous id
	 * @throws IllegalArgumentException when the id is blank or too long
	 */
	@Transactional
	public CustomerId resolveAnonymous(String anonymousId, String source) {
		String anonymous = required(anonymousId, "anonymousId");
		Optional<CustomerId> owner = identities.owner(IdentityKind.ANONYMOUS_ID, anonymous);
		if (owner.isEmpty()) {
			customers.serialize(List.of(anonymous));
			owner = identities.owner(IdentityKind.ANONYMOUS_ID, anonymous);
		}
		if (owner.isPresent()) {
			return customers.survivor(owner.get());
		}
		Instant now = clock.instant();
		String externalId = ANONYMOUS_PREFIX + anonymous;
		CustomerRow profile = CustomerRow.newProfile(CustomerId.random(), externalId, CustomerRow.ANONYMOUS, now);
		CustomerId id = customers.insertIfAbsent(profile) ? profile.id()
				: customers.findByExternalId(externalId).map(row -> customers.survivor(row.id())).orElseThrow();
		if (identities.add(id, IdentityKind.ANONYMOUS_ID, anonymous, source, now)) {
			return id;
		}
		return identities.owner(IdentityKind.ANONYMOUS_ID, anonymous).map(customers::survivor).orElseThrow();
	}

	/**
	 * Segment {@code identify}: ties an anonymous id to the mall's customer id and records what the event
	 * says about the person.
	 * <ul>
	 * <li>Only an anonymous id: as {@link #resolveAnonymous}.</li>
	 * <li>No profile has {@code userId} yet: the anonymous profile holding {@code anonymousId} is promoted
	 * (its external id becomes {@code userId}, its status {@code active}); without one, a new active profile
	 * is created and given the anonymous id.</li>
	 * <li>Both profiles exist and differ: the anonymous profile is merged into the {@code userId} profile and
	 * {@link CustomersMerged} is published in this transaction. An anonymous id already held by another
	 * <em>known</em> customer (a shared device) is left with that customer.</li>
	 * </ul>
	 * Traits fill the typed fields (see {@link SegmentTraits}) and the rest become custom traits; an email,
	 * phone or member card already held by another profile is skipped, never taken.
	 * @param userId the mall's customer id, or {@code null}/blank when unknown
	 * @param anonymousId the anonymous id, or {@code null}/blank when unknown; at least one of the two is given
	 * @param traits the event's traits, may be {@code null}
	 * @param source where the call came from, e.g. {@code segment}
	 * @return the profile the person now is
	 * @throws IllegalArgumentException when neither id is given, or an id is longer than 200 characters
	 * @throws io.atrium.shared.Conflict ({@code person-erased}, 409) when the traits carry the email or phone of a
	 * person erased at their request; nothing is changed
	 */
	@Transactional
	public CustomerId identify(String userId, String anonymousId, Map<String, Object> traits, String source) {
		String user = optional(userId, "userId");
		String anonymous = optional(anonymousId, "anonymousId");
		if (user == null && anonymous == null) {
			throw new IllegalArgumentException("identify needs a userId or an anonymousId");
		}
		if (traits != null && !traits.isEmpty()) {
			SegmentTraits parsed = SegmentTraits.parse(traits, LocalDate.now(clock));
			if (tombstones.isErased(parsed.email()) || tombstones.isErased(parsed.phone())) {
				throw new PersonErased(texts.get("customer.erased"));
			}
		}
		lock(user, anonymous);
		CustomerId target;
		if (user == null) {
			target = resolveAnonymous(anonymous, source);
		}
		else {
			Optional<CustomerId> anonymousOwner = anonymous == null ? Optional.empty()
					: identities.owner(IdentityKind.ANONYMOUS_ID, anonymous).map(customers::survivor);
			target = link(user, anonymous, anonymousOwner.flatMap(customers::find)
				.filter(CustomerRow::anonymous), source);
		}
		applyTraits(target, traits, source);
		return target;
	}

	/**
	 * Segment {@code alias}: states that {@code previousId} and {@code userId} are the same person.
	 * {@code previousId} is looked up first as an anonymous id, then as an external id. If no profile has
	 * {@code userId}, an anonymous previous profile is promoted to it, and a known previous profile is merged
	 * into a new {@code userId} profile; if both exist and differ, the previous profile is merged into the
	 * {@code userId} profile ({@link CustomersMerged} is published). An unknown {@code previousId} is recorded
	 * as an anonymous id of the {@code userId} profile.
	 * @param previousId an anonymous id or an external id, not blank
	 * @param userId the mall's customer id, not blank
	 * @param source where the call came from
	 * @return the profile the person now is
	 * @throws IllegalArgumentException when an id is blank or longer than 200 characters
	 */
	@Transactional
	public CustomerId alias(String previousId, String userId, String source) {
		String previous = required(previousId, "previousId");
		String user = required(userId, "userId");
		lock(user, previous);
		Optional<CustomerRow> previousProfile = identities.owner(IdentityKind.ANONYMOUS_ID, previous)
			.or(() -> customers.findByExternalId(previous).map(CustomerRow::id))
			.map(customers::survivor)
			.flatMap(customers::find);
		if (previousProfile.isPresent() && !previousProfile.get().anonymous()) {
			CustomerId survivor = userProfile(user, source);
			merging.merge(previousProfile.get().id(), survivor);
			return survivor;
		}
		return link(user, previous, previousProfile, source);
	}

	/**
	 * Joins {@code user} with the anonymous profile (if any): promotes it when {@code user} is new, merges it
	 * into the {@code user} profile otherwise; records {@code anonymousId} for {@code user} when nobody holds
	 * it.
	 */
	private CustomerId link(String user, String anonymousId, Optional<CustomerRow> anonymousProfile,
			String source) {
		Instant now = clock.instant();
		Optional<CustomerId> known = customers.findByExternalId(user).map(row -> customers.survivor(row.id()));
		if (known.isEmpty() && anonymousProfile.isPresent()) {
			customers.update(customers.lock(anonymousProfile.get().id()).orElseThrow().promotedTo(user), now);
			return anonymousProfile.get().id();
		}
		CustomerId target = known.orElseGet(() -> userProfile(user, source));
		if (anonymousProfile.isPresent()) {
			merging.merge(anonymousProfile.get().id(), target);
		}
		else if (anonymousId != null) {
			identities.add(target, IdentityKind.ANONYMOUS_ID, anonymousId, source, now);
		}
		return target;
	}

	private CustomerId userProfile(String user, String source) {
		return customers.survivor(resolveOrCreate(List.of(user), source).get(user));
	}

	private void applyTraits(CustomerId target, Map<String, ?> traits, String source) {
		if (traits == null || traits.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		SegmentTraits parsed = SegmentTraits.parse(traits, LocalDate.now(clock));
		CustomerRow row = customers.lock(target).orElseThrow();
		CustomerRow changed = row
			.withNames(or(parsed.firstName(), row.firstName()), or(parsed.lastName(), row.lastName()))
			.withDemographics(or(parsed.gender(), row.gender()), or(parsed.birthDate(), row.birthDate()),
					or(parsed.city(), row.city()))
			.withMembership(or(parsed.memberTier(), row.memberTier()), row.memberSince(), row.locale())
			.withTraits(Traits.merge(row.traits(), Traits.sanitize(parsed.custom(), row.traits())));
		if (!changed.equals(row)) {
			customers.update(changed, now);
		}
		claim(target, IdentityKind.EMAIL, parsed.email(), source, now);
		claim(target, IdentityKind.PHONE, parsed.phone(), source, now);
		claim(target, IdentityKind.MEMBER_CARD, parsed.memberCard(), source, now);
	}

	/** Makes {@code value} the profile's primary identity of {@code kind} unless another profile holds it. */
	private void claim(CustomerId target, IdentityKind kind, String value, String source, Instant now) {
		if (value == null) {
			return;
		}
		Optional<CustomerId> owner = identities.owner(kind, value);
		if (owner.isEmpty()) {
			identities.replacePrimary(target, kind, value, source, now);
		}
	}

	private void lock(String... ids) {
		List<String> keys = new ArrayList<>();
		for (String id : ids) {
			if (id != null) {
				keys.add(id);
			}
		}
		customers.serialize(keys);
	}

	private static <T> T or(T value, T otherwise) {
		return value != null ? value : otherwise;
	}

	private static String required(String value, String name) {
		String id = optional(value, name);
		if (id == null) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return id;
	}

	private static String optional(String value, String name) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String id = value.strip();
		if (id.length() > MAX_ID_LENGTH) {
			throw new IllegalArgumentException(name + " is longer than " + MAX_ID_LENGTH + " characters");
		}
		return id;
	}

	private Map<String, CustomerId> lookup(Collection<String> externalIds) {
		Map<String, CustomerId> result = new HashMap<>();
		if (externalIds.isEmpty()) {
			return result;
		}
		jdbc.sql("select external_id, id from customer where external_id = any(:ids)")
			.param("ids", externalIds.toArray(String[]::new))
			.query((rs, n) -> Map.entry(rs.getString(1), new CustomerId(rs.getObject(2, UUID.class))))
			.list()
			.forEach(e -> result.put(e.getKey(), e.getValue()));
		return result;
	}
}
