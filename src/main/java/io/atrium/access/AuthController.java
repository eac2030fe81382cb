package io.atrium.access;

import io.atrium.shared.Actor;
import io.atrium.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in for API clients: exchanges a username and password for a bearer token.
 */
@RestController
class AuthController {

	private final UserManagement users;

	private final TokenService tokens;

	AuthController(UserManagement users, TokenService tokens) {
		this.users = users;
		this.tokens = tokens;
	}

	record TokenRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 256) String password) {
	}

	record TokenResponse(String accessToken, String tokenType, long expiresIn) {
	}

	record Me(String username, String role) {
	}

	@PostMapping("/api/auth/token")
	TokenResponse token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
		var user = users.authenticate(request.username(), request.password())
			.orElseThrow(InvalidCredentials::new);
		http.setAttribute(Actor.REQUEST_ATTRIBUTE, new Actor(user.username(), user.role().name()));
		TokenService.AccessToken token = tokens.issue(user.username(), user.role());
		return new TokenResponse(token.value(), "Bearer", token.expiresInSeconds());
	}

	@GetMapping("/api/me")
	Me me(Authentication authentication) {
		Actor actor = ActorExposingFilter.actorOf(authentication);
		return new Me(actor.name(), actor.role());
	}

	/** Wrong username or password, or a disabled account: deliberately indistinguishable. */
	static final class InvalidCredentials extends Problem {

		InvalidCredentials() {
			super(401, "invalid-credentials", "The username or password is incorrect");
		}
	}
}
