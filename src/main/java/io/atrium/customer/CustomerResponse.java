package io.atrium.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.customer.ConsentLedger.ConsentEntry;
import io.atrium.customer.Identities.Identity;

/**
 * A customer as the API shows it. {@code customer_id} is the mall's external id; {@code email} and
 * {@code phone} are the primary identities of their kind, decrypted.
 */
public record CustomerResponse(String customerId, String status, String firstName, String lastName, String email,
		String phone, List<IdentityResponse> identities, String gender, LocalDate birthDate, String city,
		String memberTier, LocalDate memberSince, String locale, Map<String, Object> traits,
		Map<String, ConsentResponse> consents, String mergedInto, Instant createdAt, Instant updatedAt,
		long version) {

	static CustomerResponse of(CustomerProfile profile) {
		CustomerRow row = profile.row();
		Map<String, ConsentResponse> consents = new LinkedHashMap<>();
		profile.consents().forEach((channel, entry) -> consents.put(channel, ConsentResponse.of(entry)));
		return new CustomerResponse(row.externalId(), row.status(), row.firstName(), row.lastName(),
				Identity.primary(profile.identities(), IdentityKind.EMAIL),
				Identity.primary(profile.identities(), IdentityKind.PHONE),
				profile.identities().stream().map(i -> new IdentityResponse(i.kind(), i.value())).toList(),
				row.gender(), row.birthDate(), row.city(), row.memberTier(), row.memberSince(), row.locale(),
				row.traits(), consents, profile.mergedIntoExternalId(), row.createdAt(), row.updatedAt(),
				row.version());
	}

	/**
	 * One identifier of the customer.
	 *
	 * @param kind {@code member_card}, {@code email}, {@code phone}, {@code device_id} or {@code anonymous_id}
	 * @param value the value (normalised)
	 */
	public record IdentityResponse(String kind, String value) {
	}

	/**
	 * The current consent on one channel.
	 *
	 * @param status {@code granted} or {@code withdrawn}
	 * @param source where it was given or withdrawn
	 * @param legalBasis the legal basis
	 * @param occurredAt when
	 */
	public record ConsentResponse(String status, String source, String legalBasis, Instant occurredAt) {

		static ConsentResponse of(ConsentEntry entry) {
			return new ConsentResponse(entry.status(), entry.source(), entry.legalBasis(), entry.occurredAt());
		}
	}
}
