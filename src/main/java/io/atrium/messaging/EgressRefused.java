package io.atrium.messaging;

/**
 * An outbound request refused before connecting: the target resolves to a loopback, link-local, private, CGNAT,
 * multicast, unspecified or metadata address, or is written in an unusual IP notation. Never retried.
 */
public class EgressRefused extends RuntimeException {

	/**
	 * @param reason why, without the URL's query or credentials
	 */
	public EgressRefused(String reason) {
		super(reason);
	}
}
