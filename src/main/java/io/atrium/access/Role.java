package io.atrium.access;

/**
 * The roles a person or API token can hold. ADMIN manages users and configuration; MARKETER runs campaigns
 * and edits customers; ANALYST reads everything and asks the assistant; VIEWER only reads.
 */
public enum Role {

	ADMIN, MARKETER, ANALYST, VIEWER;

	/** @return the Spring Security authority, e.g. {@code ROLE_ADMIN} */
	public String authority() {
		return "ROLE_" + name();
	}
}
