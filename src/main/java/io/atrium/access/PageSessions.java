package io.atrium.access;

import java.time.Duration;
import java.util.Optional;

import io.atrium.shared.Actor;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Service;

/**
 * Sign-in for people using the dashboard. A successful sign-in yields the same short-lived access token the API
 * issues, carried in an {@code HttpOnly}, {@code SameSite=Strict} cookie: nothing is kept on the server, so any
 * node accepts the cookie. Signing out clears it.
 */
@Service
public class PageSessions {

	/** The cookie that carries the access token of a signed-in person. */
	public static final String COOKIE = "atrium_session";

	private final UserManagement users;

	private final TokenService tokens;

	PageSessions(UserManagement users, TokenService tokens) {
		this.users = users;
		this.tokens = tokens;
	}

	/**
	 * @param actor who signed in
	 * @param cookie the session cookie to set
	 */
	public record SignedIn(Actor actor, ResponseCookie cookie) {
	}

	/**
	 * @return the session cookie, or empty when the username or password is wrong or the account disabled
	 */
	public Optional<SignedIn> signIn(String username, String password, boolean secure) {
		if (username == null || password == null || username.length() > 64 || password.length() > 256) {
			return Optional.empty();
		}
		return users.authenticate(username.strip(), password).map(user -> {
			TokenService.AccessToken token = tokens.issue(user.username(), user.role());
			ResponseCookie cookie = base(token.value(), secure).maxAge(Duration.ofSeconds(token.expiresInSeconds()))
				.build();
			return new SignedIn(new Actor(user.username(), user.role().name()), cookie);
		});
	}

	/** @return a cookie that removes the session cookie */
	public ResponseCookie signOut(boolean secure) {
		return base("", secure).maxAge(Duration.ZERO).build();
	}

	private static ResponseCookie.ResponseCookieBuilder base(String value, boolean secure) {
		return ResponseCookie.from(COOKIE, value).httpOnly(true).secure(secure).sameSite("Strict").path("/");
	}
}
