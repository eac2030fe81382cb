package io.atrium.access;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTests {

	private final List<String> verified = new ArrayList<>();

	@Test
	void verifiesATokenOnceAndAnswersItsLaterUsesFromMemory() {
		Instant now = Instant.now();
		VerifiedTokens tokens = tokens(token -> jwt(token, now.plus(Duration.ofHours(1))));

		Jwt first = tokens.decode("a");
		Jwt again = tokens.decode("a");
		tokens.decode("b");

		assertThat(again).isSameAs(first);
		assertThat(verified).containsExactly("a", "b");
	}

	@Test
	void refusesARememberedTokenOnceItHasExpired() {
		// verified while it was still valid; by its next use it is two minutes past its expiry (beyond the skew)
		Jwt expired = jwt("old", Instant.now().minus(Duration.ofMinutes(2)));
		boolean[] refuse = { false };
		VerifiedTokens tokens = tokens(token -> {
			if (refuse[0]) {
				throw new BadJwtException("Jwt expired");
			}
			return expired;
		});
		assertThat(tokens.decode("old")).isSameAs(expired);

		refuse[0] = true;
		assertThatThrownBy(() -> tokens.decode("old")).isInstanceOf(BadJwtException.class);
		assertThat(verified).containsExactly("old", "old");
	}

	@Test
	void neverRemembersATokenThatFailedVerification() {
		VerifiedTokens tokens = tokens(token -> {
			throw new BadJwtException("bad signature");
		});

		assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
		assertThat(verified).containsExactly("forged", "forged");
	}

	private VerifiedTokens tokens(Function<String, Jwt> verifier) {
		JwtDecoder counting = token -> {
			verified.add(token);
			return verifier.apply(token);
		};
		return new VerifiedTokens(counting, JwtValidators.createDefaultWithIssuer(TokenService.ISSUER),
				Duration.ofHours(1), 100);
	}

	private static Jwt jwt(String token, Instant expiresAt) {
		return Jwt.withTokenValue(token)
			.header("alg", "HS256")
			.issuer(TokenService.ISSUER)
			.subject("admin")
			.issuedAt(expiresAt.minus(Duration.ofHours(1)))
			.expiresAt(expiresAt)
			.build();
	}
}
