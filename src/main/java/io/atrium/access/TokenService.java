package io.atrium.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Service;

/**
 * Issues and verifies the short-lived access tokens ({@code HS256} JWTs) returned by
 * {@code POST /api/auth/token}. The signing secret comes from {@code atrium.security.jwt-secret}, or is
 * generated once into {@code <data-directory>/keys/jwt-secret} so every node sharing that directory (or the
 * configured secret) accepts the same tokens.
 */
@Service
class TokenService {

	static final String ISSUER = "atrium";

	private final NimbusJwtEncoder encoder;

	private final JwtDecoder decoder;

	private final AccessSettings settings;

	TokenService(AccessSettings settings, @Value("${atrium.data-directory:data}") String dataDirectory) {
		this.settings = settings;
		SecretKey key = new SecretKeySpec(secret(settings.jwtSecret(), Path.of(dataDirectory, "keys", "jwt-secret")),
				"HmacSHA256");
		this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
		NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
		OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithIssuer(ISSUER);
		nimbus.setJwtValidator(validator);
		this.decoder = new VerifiedTokens(nimbus, validator, settings.tokenTtl(), 10_000);
	}

	record AccessToken(String value, long expiresInSeconds) {
	}

	AccessToken issue(String username, Role role) {
		Instant now = Instant.now(); // real time: token expiry must not follow a demo's fixed clock
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(username)
			.issuedAt(now)
			.expiresAt(now.plus(settings.tokenTtl()))
			.claim("role", role.name())
			.build();
		String value = encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
		return new AccessToken(value, settings.tokenTtl().toSeconds());
	}

	JwtDecoder decoder() {
		return decoder;
	}

	private static byte[] secret(String configured, Path file) {
		try {
			if (configured != null && !configured.isBlank()) {
				byte[] bytes = Base64.getDecoder().decode(configured.strip());
				if (bytes.length < 32) {
					throw new IllegalStateException("atrium.security.jwt-secret must decode to at least 32 bytes");
				}
				return bytes;
			}
			if (Files.exists(file)) {
				return Base64.getDecoder().decode(Files.readString(file).strip());
			}
			byte[] bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
			Files.createDirectories(file.getParent());
			Files.writeString(file, Base64.getEncoder().encodeToString(bytes));
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
