package io.atrium.access;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.atrium.access.ApiTokens.Issued;
import io.atrium.access.ApiTokens.TokenView;
import io.atrium.access.Users.User;
import io.atrium.access.WriteKeys.CreatedWriteKey;
import io.atrium.access.WriteKeys.WriteKeyView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * ADMIN endpoints for users, API tokens and tracking write keys. Secrets are shown once, in the creation
 * response, and never again.
 */
@RestController
@RequestMapping("/api/admin")
class AdminController {

	private final UserManagement users;

	private final ApiTokens tokens;

	private final WriteKeys writeKeys;

	AdminController(UserManagement users, ApiTokens tokens, WriteKeys writeKeys) {
		this.users = users;
		this.tokens = tokens;
		this.writeKeys = writeKeys;
	}

	record UserView(String username, String displayName, Role role, boolean enabled, Instant createdAt,
			Instant updatedAt) {

		static UserView of(User user) {
			return new UserView(user.username(), user.displayName(), user.role(), user.enabled(), user.createdAt(),
					user.updatedAt());
		}
	}

	record NewUser(@NotBlank @Size(max = 64) String username, @Size(max = 100) String displayName,
			@NotBlank String password, @NotNull Role role) {
	}

	record UserChange(@Size(max = 100) String displayName, String password, Role role, Boolean enabled) {
	}

	record NewToken(@NotBlank @Size(max = 100) String name, @NotNull Role role,
			@Min(1) @Max(3650) Integer expiresInDays) {
	}

	record NewWriteKey(@NotBlank @Size(max = 100) String name) {
	}

	record Items<T>(List<T> items) {
	}

	@GetMapping("/users")
	Items<UserView> users() {
		return new Items<>(users.list().stream().map(UserView::of).toList());
	}

	@PostMapping("/users")
	ResponseEntity<UserView> createUser(@Valid @RequestBody NewUser request) {
		User user = users.create(request.username(), request.displayName(), request.password(), request.role());
		return ResponseEntity.created(URI.create("/api/admin/users/" + user.username())).body(UserView.of(user));
	}

	@PatchMapping("/users/{username}")
	UserView changeUser(@PathVariable String username, @Valid @RequestBody UserChange request) {
		return UserView.of(users.change(username, request.displayName(), request.password(), request.role(),
				request.enabled()));
	}

	@GetMapping("/tokens")
	Items<TokenView> tokens() {
		return new Items<>(tokens.list());
	}

	@PostMapping("/tokens")
	ResponseEntity<Issued> createToken(@Valid @RequestBody NewToken request, Authentication actor) {
		Duration validity = request.expiresInDays() == null ? null : Duration.ofDays(request.expiresInDays());
		Issued issued = tokens.create(request.name().strip(), request.role(), validity, actor.getName());
		return ResponseEntity.created(URI.create("/api/admin/tokens/" + issued.id())).body(issued);
	}

	@DeleteMapping("/tokens/{id}")
	ResponseEntity<Void> revokeToken(@PathVariable UUID id) {
		tokens.revoke(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/write-keys")
	Items<WriteKeyView> writeKeys() {
		return new Items<>(writeKeys.list());
	}

	@PostMapping("/write-keys")
	ResponseEntity<CreatedWriteKey> createWriteKey(@Valid @RequestBody NewWriteKey request, Authentication actor) {
		CreatedWriteKey key = writeKeys.create(request.name().strip(), actor.getName());
		return ResponseEntity.created(URI.create("/api/admin/write-keys/" + key.id())).body(key);
	}

	@DeleteMapping("/write-keys/{id}")
	ResponseEntity<Void> revokeWriteKey(@PathVariable UUID id) {
		writeKeys.revoke(id);
		return ResponseEntity.noContent().build();
	}
}
