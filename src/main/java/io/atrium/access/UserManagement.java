package io.atrium.access;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.atrium.access.Users.User;
import io.atrium.shared.Conflict;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.NotFound;
import io.atrium.shared.Problem.FieldError;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating and changing users, checking passwords. Guards the invariant that at least one enabled ADMIN
 * remains.
 */
@Service
class UserManagement {

	static final int MIN_PASSWORD = 12;

	private final Users users;

	private final PasswordEncoder passwords;

	private final Clock clock;

	UserManagement(Users users, PasswordEncoder passwords, Clock clock) {
		this.users = users;
		this.passwords = passwords;
		this.clock = clock;
	}

	/**
	 * @return the user when the password matches and the account is enabled
	 */
	Optional<User> authenticate(String username, String password) {
		Optional<User> user = users.findByUsername(username);
		if (user.isEmpty()) {
			passwords.matches(password, DUMMY_HASH); // same cost whether or not the user exists
			return Optional.empty();
		}
		return user.filter(u -> passwords.matches(password, u.passwordHash())).filter(User::enabled);
	}

	@Transactional
	User create(String username, String displayName, String password, Role role) {
		List<FieldError> errors = new ArrayList<>();
		if (username == null || !username.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
			errors.add(new FieldError("username", "use 2–64 lower-case letters, digits, '.', '_' or '-'"));
		}
		checkPassword(password, errors);
		if (role == null) {
			errors.add(new FieldError("role", "must be one of ADMIN, MARKETER, ANALYST, VIEWER"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors.get(0).field() + ": " + errors.get(0).message(), errors);
		}
		if (users.findByUsername(username).isPresent()) {
			throw new Conflict("user-exists", "A user named '" + username + "' already exists");
		}
		Instant now = clock.instant();
		User user = new User(UUID.randomUUID(), username, displayName == null || displayName.isBlank() ? username
				: displayName.strip(), passwords.encode(password), role, true, now, now);
		users.insert(user);
		return user;
	}

	@Transactional
	User change(String username, String displayName, String password, Role role, Boolean enabled) {
		User user = users.findByUsername(username)
			.orElseThrow(() -> new NotFound("user-not-found", "No user named '" + username + "'"));
		List<FieldError> errors = new ArrayList<>();
		if (password != null) {
			checkPassword(password, errors);
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors.get(0).field() + ": " + errors.get(0).message(), errors);
		}
		Role newRole = role == null ? user.role() : role;
		boolean newEnabled = enabled == null ? user.enabled() : enabled;
		boolean losesAdmin = user.role() == Role.ADMIN && user.enabled() && (newRole != Role.ADMIN || !newEnabled);
		if (losesAdmin && users.countEnabledAdmins() <= 1) {
			throw new Conflict("last-admin", "The last enabled ADMIN cannot be demoted or disabled");
		}
		User changed = new User(user.id(), user.username(),
				displayName == null || displayName.isBlank() ? user.displayName() : displayName.strip(),
				password == null ? user.passwordHash() : passwords.encode(password), newRole, newEnabled,
				user.createdAt(), clock.instant());
		users.update(changed);
		return changed;
	}

	List<User> list() {
		return users.findAll();
	}

	boolean noUsers() {
		return users.count() == 0;
	}

	private static void checkPassword(String password, List<FieldError> errors) {
		if (password == null || password.length() < MIN_PASSWORD || password.length() > 256) {
			errors.add(new FieldError("password", "must be " + MIN_PASSWORD + " to 256 characters"));
		}
	}

	private static final String DUMMY_HASH = "$argon2id$v=19$m=16384,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
			+ "qLml5cbC/9h2dxqlbhtRmn5vg3ZgFMkUyOAeolCkl1w";
}
