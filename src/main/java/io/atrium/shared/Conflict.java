package io.atrium.shared;

/**
 * The request clashes with the resource's current state (409), e.g. a duplicate external id.
 */
public class Conflict extends Problem {

	public Conflict(String slug, String detail) {
		super(409, slug, detail);
	}
}
