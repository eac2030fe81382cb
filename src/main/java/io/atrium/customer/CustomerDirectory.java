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

	static CustomerSummary summary(CustomerRow row) {
		return new CustomerSummary(row.id(), row.externalId(), row.status(), row.firstName(), row.lastName(),
				row.memberTier(), row.traits());
	}
}
