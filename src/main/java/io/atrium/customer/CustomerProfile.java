package io.atrium.customer;

import java.util.List;
import java.util.Map;

import io.atrium.customer.ConsentLedger.ConsentEntry;
import io.atrium.customer.Identities.Identity;

/**
 * Everything known about one profile, assembled for reading: the stored row, its identities (decrypted) and
 * its current consent per channel.
 *
 * @param row the stored profile
 * @param identities oldest first
 * @param consents current entry per channel
 * @param mergedIntoExternalId the survivor's external id when the profile was merged, else {@code null}
 */
record CustomerProfile(CustomerRow row, List<Identity> identities, Map<String, ConsentEntry> consents,
		String mergedIntoExternalId) {
}
