package io.atrium.shared;

/**
 * The addressed resource does not exist (404).
 */
public class NotFound extends Problem {

	public NotFound(String slug, String detail) {
		super(404, slug, detail);
	}
}
