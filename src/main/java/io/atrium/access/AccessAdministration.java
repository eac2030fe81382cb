package io.atrium.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.atrium.access.Users.User;
import io.atrium.shared.Conflict;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.NotFound;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the settings page needs to administer access: users and their roles, API tokens and tracking write
 * keys. The same rules as the {@code /api/admin} endpoints apply, plus one the page needs: an admin cannot
 * disable themselves or take ADMIN away from themselves.
 */
@Service
public class AccessAdministration {

	static final int MAX_NAME = 100;

	private final UserManagement users;

	private final ApiTokens tokens;

	private final WriteKeys writeKeys;

	AccessAdministration(UserManagement users, ApiTokens tokens, WriteKeys writeKeys) {
		this.users = users;
		this.tokens = tokens;
		this.writeKeys = writeKeys;
	}

	/**
	 * A user as an admin sees them (never the password hash).
	 *
	 * @param username sign-in name
	 * @param displayName shown name, the username when none was given
	 * @param role the role
	 * @param enabled whether they may sign in
	 * @param createdAt when created
	 */
	public record UserSummary(String username, String displayName, Role role, boolean enabled, Instant createdAt) {
	}

	/**
	 * An API token's public description.
	 *
	 * @param id token id
	 * @param name what it is for
	 * @param role the role it carries
	 * @param prefix its first characters
	 * @param createdBy who created it
	 * @param createdAt when
	 * @param expiresAt when it stops working, or {@code null}
	 * @param revokedAt when it was revoked, or {@code null}
	 * @param lastUsedAt when it was last accepted, or {@code null}
	 */
	public record TokenSummary(UUID id, String name, Role role, String prefix, String createdBy, Instant createdAt,
			Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
	}

	/**
	 * A tracking write key's public description.
	 *
	 * @param id key id
	 * @param name source name
	 * @param prefix its first characters
	 * @param createdBy who created it
	 * @param createdAt when
	 * @param revokedAt when it was revoked, or {@code null}
	 */
	public record WriteKeySummary(UUID id, String name, String prefix, String createdBy, Instant createdAt,
			Instant revokedAt) {
	}

	/**
	 * A credential just created: the only time its secret is shown.
	 *
	 * @param name its name
	 * @param secret the raw token or key
	 * @param prefix its first characters
	 */
	public record NewSecret(String name, String secret, String prefix) {
	}

	/** @return every user, by username */
	@Transactional(readOnly = true)
	public List<UserSummary> users() {
		return users.list().stream().map(AccessAdministration::summary).toList();
	}

	/**
	 * @param username 2–64 lower-case letters, digits, '.', '_' or '-'
	 * @param displayName shown name, may be blank
	 * @param password 12–256 characters
	 * @param role a role name
	 * @return the new user
	 * @throws InvalidInput naming the field at fault
	 * @throws Conflict {@code user-exists} when the username is taken
	 */
	@Transactional
	public UserSummary createUser(String username, String displayName, String password, String role) {
		if (displayName != null && displayName.length() > MAX_NAME) {
			throw InvalidInput.of("display_name", "at most " + MAX_NAME + " characters");
		}
		return summary(users.create(username == null ? null : username.strip(), displayName, password, role(role)));
	}

	/**
	 * @param actor the admin making the change
	 * @param username whose role changes
	 * @param role the new role name
	 * @return the changed user
	 * @throws Conflict {@code own-admin-role} when the admin would take ADMIN from themselves, {@code last-admin}
	 * when no enabled ADMIN would remain
	 */
	@Transactional
	public UserSummary changeRole(String actor, String username, String role) {
		Role newRole = role(role);
		if (newRole == null) {
			throw InvalidInput.of("role", "must be one of ADMIN, MARKETER, ANALYST, VIEWER");
		}
		if (username.equals(actor) && newRole != Role.ADMIN) {
			throw new Conflict("own-admin-role", "You cannot take the ADMIN role away from yourself");
		}
		return summary(users.change(username, null, null, newRole, null));
	}

	/**
	 * @param actor the admin making the change
	 * @param username who is enabled or disabled
	 * @param enabled whether they may sign in
	 * @return the changed user
	 * @throws Conflict {@code own-account-disabled} when the admin would disable themselves
	 */
	@Transactional
	public UserSummary setEnabled(String actor, String username, boolean enabled) {
		if (username.equals(actor) && !enabled) {
			throw new Conflict("own-account-disabled", "You cannot disable your own account");
		}
		return summary(users.change(username, null, null, null, enabled));
	}

	/** @return every API token, newest first, revoked ones included */
	public List<TokenSummary> tokens() {
		return tokens.list()
			.stream()
			.map(t -> new TokenSummary(t.id(), t.name(), t.role(), t.prefix(), t.createdBy(), t.createdAt(),
					t.expiresAt(), t.revokedAt(), t.lastUsedAt()))
			.toList();
	}

	/**
	 * @param name what the token is for, 1–100 characters
	 * @param role the role it carries
	 * @param expiresInDays 1–3650, or {@code null} for no expiry
	 * @param actor who creates it
	 * @return the token, shown once
	 */
	public NewSecret createToken(String name, String role, Integer expiresInDays, String actor) {
		String valid = name(name);
		Role tokenRole = role(role);
		if (tokenRole == null) {
			throw InvalidInput.of("role", "must be one of ADMIN, MARKETER, ANALYST, VIEWER");
		}
		if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 3650)) {
			throw InvalidInput.of("expires_in_days", "must be 1 to 3650 days");
		}
		ApiTokens.Issued issued = tokens.create(valid, tokenRole,
				expiresInDays == null ? null : Duration.ofDays(expiresInDays), actor);
		return new NewSecret(issued.name(), issued.token(), issued.prefix());
	}

	/**
	 * @param id the token
	 * @throws NotFound when there is no such token
	 */
	public void revokeToken(UUID id) {
		tokens.revoke(id);
	}

	/** @return every write key, newest first, revoked ones included */
	public List<WriteKeySummary> writeKeys() {
		return writeKeys.list()
			.stream()
			.map(k -> new WriteKeySummary(k.id(), k.name(), k.prefix(), k.createdBy(), k.createdAt(), k.revokedAt()))
			.toList();
	}

	/**
	 * @param name source name, 1–100 characters
	 * @param actor who creates it
	 * @return the key, shown once
	 */
	public NewSecret createWriteKey(String name, String actor) {
		WriteKeys.CreatedWriteKey key = writeKeys.create(name(name), actor);
		return new NewSecret(key.name(), key.writeKey(), key.prefix());
	}

	/**
	 * @param id the key
	 * @throws NotFound when there is no such key
	 */
	public void revokeWriteKey(UUID id) {
		writeKeys.revoke(id);
	}

	private static String name(String name) {
		if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
			throw InvalidInput.of("name", "is required, at most " + MAX_NAME + " characters");
		}
		return name.strip();
	}

	private static Role role(String role) {
		if (role == null || role.isBlank()) {
			return null;
		}
		try {
			return Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of("role", "must be one of ADMIN, MARKETER, ANALYST, VIEWER");
		}
	}

	private static UserSummary summary(User user) {
		return new UserSummary(user.username(), user.displayName(), user.role(), user.enabled(), user.createdAt());
	}
}
