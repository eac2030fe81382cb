package io.atrium.messaging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Open and click tokens: a random id plus an HMAC-SHA256 tag over id and kind, so forged or altered tokens are
 * refused before any lookup.
 */
final class TrackingTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] key;

	TrackingTokens(String secret) {
		this.key = secret.getBytes(StandardCharsets.UTF_8);
	}

	String issue(String kind) {
		byte[] id = new byte[16];
		RANDOM.nextBytes(id);
		String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
		return raw + "." + tag(raw, kind);
	}

	boolean verify(String token, String kind) {
		int dot = token == null ? -1 : token.indexOf('.');
		if (dot <= 0 || token.length() > 100) {
			return false;
		}
		byte[] expected = tag(token.substring(0, dot), kind).getBytes(StandardCharsets.US_ASCII);
		byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, given);
	}

	private String tag(String raw, String kind) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] out = mac.doFinal((raw + ":" + kind).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(out).substring(0, 32);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
