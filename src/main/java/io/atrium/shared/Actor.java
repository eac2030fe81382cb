package io.atrium.shared;

/**
 * Who is acting: a signed-in user, an API token, a tracking write key, the system itself, or nobody.
 *
 * @param name username, token name, write-key name, {@code system} or {@code anonymous}
 * @param role the role ({@code ADMIN}, {@code MARKETER}, {@code ANALYST}, {@code VIEWER}, {@code WRITE_KEY}),
 * or {@code null} for anonymous and system
 */
public record Actor(String name, String role) {

	/** Request attribute under which the authenticated actor is exposed to filters outside security. */
	public static final String REQUEST_ATTRIBUTE = Actor.class.getName();

	/** The application acting on its own (schedulers, listeners, demo load). */
	public static final Actor SYSTEM = new Actor("system", null);

	/** An unauthenticated caller. */
	public static final Actor ANONYMOUS = new Actor("anonymous", null);
}
