package io.atrium.access;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that verifies each distinct access token once and then remembers it: a client sends the same
 * token with every request for an hour, and parsing, checking the signature and converting the claims again each
 * time was a measurable share of a customer 360 read (docs/PERFORMANCE.md). A remembered token is validated again
 * on every use, so it stops being accepted the moment it expires, exactly as a freshly decoded one would. Only
 * tokens that verified are remembered; Atrium's JWTs are stateless (nothing revokes one before it expires), so
 * remembering one changes no answer.
 */
final class VerifiedTokens implements JwtDecoder {

	private final JwtDecoder verifier;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Cache<String, Jwt> verified;

	/**
	 * @param verifier decodes, verifies and validates a token it has not seen
	 * @param validator the verifier's own validation (expiry, issuer), run again on every remembered use
	 * @param lifetime how long a token lives; none is remembered longer
	 * @param capacity the most tokens remembered at once
	 */
	VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, Duration lifetime, long capacity) {
		this.verifier = verifier;
		this.validator = validator;
		this.verified = Caffeine.newBuilder().maximumSize(capacity).expireAfterWrite(lifetime).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = verified.getIfPresent(token);
		if (known != null && !validator.validate(known).hasErrors()) {
			return known;
		}
		if (known != null) {
			verified.invalidate(token);
		}
		// an expired or unknown token goes to the verifier, which refuses it with its own exception
		Jwt jwt = verifier.decode(token);
		verified.put(token, jwt);
		return jwt;
	}
}
