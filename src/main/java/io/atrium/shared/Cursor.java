package io.atrium.shared;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset cursor: the sort-key values of the last item of a page, encoded URL-safe. Values must
 * not contain the unit separator character.
 */
public final class Cursor {

	private static final String SEPARATOR = "\u001f";

	private Cursor() {
	}

	/**
	 * @param values sort-key values of the last item, in sort order
	 * @return the cursor string
	 */
	public static String encode(String... values) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(String.join(SEPARATOR, values).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @param cursor a cursor from {@link #encode}, or {@code null}
	 * @param parts how many values it must hold
	 * @return the values, or an empty list when {@code cursor} is {@code null} or blank
	 * @throws InvalidInput when the cursor was not made by {@link #encode} with that many values
	 */
	public static List<String> decode(String cursor, int parts) {
		if (cursor == null || cursor.isBlank()) {
			return List.of();
		}
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			List<String> values = Arrays.asList(raw.split(SEPARATOR, -1));
			if (values.size() != parts) {
				throw InvalidInput.of("cursor", "is not a cursor this list issued");
			}
			return values;
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of("cursor", "is not a cursor this list issued");
		}
	}
}
