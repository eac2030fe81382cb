package io.atrium.web;

import io.atrium.customer.CustomerSummary;

/** A customer's display name: first and last name when known, else the external id. */
final class Names {

	private Names() {
	}

	static String of(CustomerSummary summary) {
		return of(summary.firstName(), summary.lastName(), summary.externalId());
	}

	static String of(String first, String last, String fallback) {
		String f = first == null ? "" : first.strip();
		String l = last == null ? "" : last.strip();
		boolean chinese = (f + l).codePoints()
			.anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
		String name = chinese ? l + f : (f + " " + l).strip();
		return name.isEmpty() ? fallback : name;
	}
}
