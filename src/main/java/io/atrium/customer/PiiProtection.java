package io.atrium.customer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Locale;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encryption at rest for personal data (email, phone) and the keyed blind index that lets Atrium find a
 * customer by an exact email or phone without storing it in the clear.
 * <p>
 * Keys are Tink keysets in JSON: given by {@code atrium.crypto.aead-keyset} and
 * {@code atrium.crypto.index-keyset}, or, when absent, generated once into {@code <data-directory>/keys}
 * (a development convenience; production passes them from a secret store). Ciphertexts are bound to their
 * identity kind as associated data, so a phone ciphertext cannot be replayed as an email.
 */
@Component
public class PiiProtection {

	private static final Logger log = LoggerFactory.getLogger(PiiProtection.class);

	private final Aead aead;

	private final Prf prf;

	PiiProtection(@Value("${atrium.crypto.aead-keyset:}") String aeadKeyset,
			@Value("${atrium.crypto.index-keyset:}") String indexKeyset,
			@Value("${atrium.data-directory:data}") String dataDirectory) {
		try {
			AeadConfig.register();
			PrfConfig.register();
			Path keys = Path.of(dataDirectory, "keys");
			this.aead = keyset(aeadKeyset, keys.resolve("pii-aead.json"), true)
				.getPrimitive(RegistryConfiguration.get(), Aead.class);
			PrfSet prfSet = keyset(indexKeyset, keys.resolve("blind-index.json"), false)
				.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
			this.prf = prfSet.getPrfs().get(prfSet.getPrimaryId());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not initialise PII keys", ex);
		}
	}

	/**
	 * @param kind the identity kind, bound as associated data
	 * @param value plaintext, never {@code null}
	 * @return ciphertext
	 */
	public byte[] encrypt(String kind, String value) {
		try {
			return aead.encrypt(value.getBytes(StandardCharsets.UTF_8), kind.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Encryption failed", ex);
		}
	}

	/**
	 * @param kind the identity kind the ciphertext was made for
	 * @param ciphertext from {@link #encrypt}
	 * @return the plaintext
	 */
	public String decrypt(String kind, byte[] ciphertext) {
		try {
			return new String(aead.decrypt(ciphertext, kind.getBytes(StandardCharsets.UTF_8)),
					StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Decryption failed", ex);
		}
	}

	/**
	 * The blind index of an identity value: HMAC-SHA256 (Tink PRF) of {@code kind:normalised value}.
	 * @param kind identity kind
	 * @param value raw value; normalised with {@link #normalize(String, String)} first
	 * @return 32 bytes
	 */
	public byte[] blindIndex(String kind, String value) {
		return blindIndexOfNormalized(kind, normalize(kind, value));
	}

	/** {@link #blindIndex} of a value already in {@link #normalize normalised} form (bulk loads). */
	byte[] blindIndexOfNormalized(String kind, String normalized) {
		try {
			return prf.compute((kind + ":" + normalized).getBytes(StandardCharsets.UTF_8), 32);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Blind index failed", ex);
		}
	}

	/**
	 * Canonical form used for lookup: emails trimmed and lower-cased, phones reduced to digits with a
	 * leading {@code +} kept (a bare 11-digit mainland mobile gets {@code +86}), other ids trimmed.
	 * @param kind identity kind
	 * @param value raw value
	 * @return the normalised value
	 */
	public static String normalize(String kind, String value) {
		String trimmed = Normalizer.normalize(value.strip(), Normalizer.Form.NFKC);
		return switch (kind) {
			case "email" -> trimmed.toLowerCase(Locale.ROOT);
			case "phone" -> {
				String digits = digits(trimmed);
				if (trimmed.startsWith("+")) {
					yield "+" + digits;
				}
				if (digits.startsWith("00")) {
					yield "+" + digits.substring(2);
				}
				yield digits.length() == 11 && digits.startsWith("1") ? "+86" + digits : digits;
			}
			default -> trimmed;
		};
	}

	private static String digits(String value) {
		StringBuilder digits = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
		}
		return digits.toString();
	}

	private static KeysetHandle keyset(String configured, Path file, boolean aead) throws GeneralSecurityException {
		try {
			if (configured != null && !configured.isBlank()) {
				return TinkJsonProtoKeysetFormat.parseKeyset(configured, InsecureSecretKeyAccess.get());
			}
			if (Files.exists(file)) {
				return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
			}
			KeysetHandle handle = KeysetHandle.generateNew(aead ? PredefinedAeadParameters.AES256_GCM
					: PredefinedPrfParameters.HMAC_SHA256_PRF);
			Files.createDirectories(file.getParent());
			Files.writeString(file, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			log.warn("Generated a development key at {}; configure atrium.crypto.* keysets in production", file);
			return handle;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
