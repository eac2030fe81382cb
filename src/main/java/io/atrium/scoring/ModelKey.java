package io.atrium.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Authenticates model files: Atrium signs the bytes of every model it trains with HMAC-SHA256 under a key kept
 * outside the database, and loads only bytes whose signature verifies. A model row written by anyone else
 * (even with database access) is refused before Tribuo parses it.
 */
@Component
class ModelKey {

	private final byte[] key;

	ModelKey(ScoringSettings settings, @Value("${atrium.data-directory:data}") String dataDirectory) {
		Path file = settings.modelKeyFile() != null ? settings.modelKeyFile()
				: Path.of(dataDirectory, "scoring-model.key");
		this.key = load(file);
	}

	byte[] sign(byte[] model) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(model);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	boolean verify(byte[] model, byte[] signature) {
		return signature != null && MessageDigest.isEqual(sign(model), signature);
	}

	private static synchronized byte[] load(Path file) {
		try {
			if (Files.exists(file)) {
				byte[] stored = Files.readAllBytes(file);
				if (stored.length < 32) {
					throw new IllegalStateException("The model key file is shorter than 32 bytes: " + file);
				}
				return stored;
			}
			byte[] fresh = new byte[32];
			new SecureRandom().nextBytes(fresh);
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			Files.write(file, fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the directory's permissions apply
			}
			return fresh;
		}
		catch (java.nio.file.FileAlreadyExistsException ex) {
			return load(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the model key file", ex);
		}
	}
}
