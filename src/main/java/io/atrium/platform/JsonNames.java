package io.atrium.platform;

import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Field names as clients see them (snake_case) and safe descriptions of unreadable bodies.
 */
final class JsonNames {

	private JsonNames() {
	}

	static String snake(String camel) {
		if (camel == null) {
			return null;
		}
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
	}

	static String describe(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		String name = cause.getClass().getSimpleName();
		if (name.contains("Mismatch") || name.contains("InvalidFormat") || name.contains("InvalidType")) {
			return "A field has the wrong type";
		}
		if (name.contains("UnrecognizedProperty")) {
			return "The body contains an unknown field";
		}
		if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
			return "The request body is missing";
		}
		return "The request body is not valid JSON";
	}
}
