package io.atrium.customer;

/**
 * A customer's current consent on one channel, as the latest entry of the consent ledger says. A channel
 * without any entry has no status at all, which senders treat as "no consent".
 */
public enum ConsentStatus {

	/** The customer agreed to be contacted on the channel. */
	GRANTED,

	/** The customer withdrew consent on the channel. */
	WITHDRAWN;

	/** @return whether messages may be sent on the channel */
	public boolean granted() {
		return this == GRANTED;
	}

	static ConsentStatus of(String stored) {
		return "granted".equals(stored) ? GRANTED : WITHDRAWN;
	}
}
