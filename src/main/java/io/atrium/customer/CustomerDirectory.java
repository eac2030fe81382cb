package io.atrium.customer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atrium.customer.Identities.Identity;
import io.atrium.shared.CustomerId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access to profiles for other modules (journeys, scoring, messaging, the dashboard). It never writes
 * and never creates profiles; use {@link IdentifyingCustomers} for that.
 */
@Service
@Transactional(readOnly = true)
public class CustomerDirectory {

	private final Customers customers;

	private final Identities identities;

	private final ConsentLedger consents;

	CustomerDirectory(Customers customers, Identities identities, ConsentLedger consents) {
		this.customers = customers;
		this.identities = identities;
		this.consents = consents;
	}

	/**
	 * @param id a profile id, not {@code null}
	 * @return the profile as it is stored, merged or not, or empty when no profile has this id
	 */
	public Optional<CustomerSummary> find(CustomerId id) {
		return customers.find(id).map(CustomerDirectory::summary);
	}

	/**
	 * @param externalId the mall's customer id, e.g. {@code CUST001}
	 * @return the profile with that external id, or empty
	 */
	public Optional<CustomerSummary> findByExternalId(String externalId) {
		if (externalId == null) {
			return Optional.empty();
		}
		return customers.findByExternalId(externalId).map(CustomerDirectory::summary);
	}

	/**
	 * @param ids profile ids
	 * @return the summaries of the profiles found, keyed by id
	 */
	public Map<CustomerId, CustomerSummary> findAll(java.util.Collection<CustomerId> ids) {
		Map<CustomerId, CustomerSummary> result = new LinkedHashMap<>();
		customers.findAll(ids).forEach((id, row) -> result.put(id, summary(row)));
		return result;
	}

	/** The most ids {@link #idsAfter} returns at once. */
	public static final int MAX_IDS = 10_000;

	/**
	 * Lists the profiles that are people now (active or anonymous: not merged into another, not erased) by keyset
	 * pagination in id order, for modules that go through every customer (batch scoring, model training).
	 * @param after the last id of the previous page, or {@code null} for the first page
	 * @param limit 1 to {@link #MAX_IDS}
	 * @return the next ids in id order; fewer than {@code limit} (possibly none) at the end
	 */
	public List<CustomerId> idsAfter(CustomerId after, int limit) {
		if (limit < 1 || limit > MAX_IDS) {
			throw new IllegalArgumentException("limit must be 1 to " + MAX_IDS);
		}
		return customers.idsAfter(after, limit);
	}

	/** @return how many profiles {@link #idsAfter} goes through */
	public long countIds() {
		return customers.countPeople();
	}

	/**
	 * @param id a profile id
	 * @return the profile {@code id} now is: itself, or the survivor it was merged into
	 */
	public CustomerId current(CustomerId id) {
		return customers.survivor(id);
	}

	/**
	 * @param id a profile id
	 * @return the current consent per channel ({@code email}, {@code sms}, {@code push}); channels never
	 * recorded are absent; empty for an unknown profile
	 */
	public Map<String, ConsentStatus> currentConsents(CustomerId id) {
		Map<String, ConsentStatus> result = new LinkedHashMap<>();
		consents.current(id).forEach((channel, entry) -> result.put(channel, ConsentStatus.of(entry.status())));
		return result;
	}

	/**
	 * Decrypts the profile's primary email and phone, for delivering a message the customer consented to.
	 * @param id a profile id
	 * @return the contact points, or empty for an unknown profile
	 */
	public Optional<ContactPoints> contactPoints(CustomerId id) {
		if (customers.find(id).isEmpty()) {
			return Optional.empty();
		}
		List<Identity> held = identities.of(id);
		return Optional.of(new ContactPoints(Identity.primary(held, IdentityKind.EMAIL),
				Identity.primary(held, IdentityKind.PHONE)));
	}

	/**
	 * @param id a profile id
	 * @return the profile's comparable facts (typed fields, traits, current consents), or empty when unknown
	 */
	public Optional<ProfileFacts> profileFacts(CustomerId id) {
		return customers.find(id).map(row -> facts(row, currentConsents(id)));
	}

	/**
	 * Streams the comparable facts of every stored profile (any status), in batches, for modules rebuilding their
	 * own copy after a bulk load.
	 * @param consumer called once per profile on the caller's thread
	 * @return how many profiles were streamed
	 */
	public long streamProfileFacts(java.util.function.Consumer<ProfileFacts> consumer) {
		long count = 0;
		CustomerId after = null;
		while (true) {
			List<CustomerRow> batch = customers.batchAfter(after, 2_000);
			if (batch.isEmpty()) {
				return count;
			}
			Map<CustomerId, Map<String, ConsentLedger.ConsentEntry>> current = consents
				.current(batch.stream().map(CustomerRow::id).toList());
			for (CustomerRow row : batch) {
				Map<String, String> statuses = new LinkedHashMap<>();
				current.getOrDefault(row.id(), Map.of()).forEach((channel, entry) -> statuses.put(channel, entry.status()));
				consumer.accept(facts(row, statuses));
				count++;
			}
			after = batch.get(batch.size() - 1).id();
		}
	}

	private static ProfileFacts facts(CustomerRow row, Map<String, ?> consents) {
		Map<String, String> statuses = new LinkedHashMap<>();
		consents.forEach((channel, status) -> statuses.put(channel, status.toString().toLowerCase(java.util.Locale.ROOT)));
		return new ProfileFacts(row.id(), row.status(), row.city(), row.gender(), row.memberTier(), row.birthDate(),
				row.memberSince(), row.createdAt(), row.traits(), statuses);
	}

	static CustomerSummary summary(CustomerRow row) {
		return new CustomerSummary(row.id(), row.externalId(), row.status(), row.firstName(), row.lastName(),
				row.memberTier(), row.traits());
	}
}
