package io.atrium.customer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Custom attributes kept in the profile's {@code traits} JSON column beside the typed fields. Keys match
 * {@code [a-z][a-z0-9_]{0,63}}; values are strings, numbers, booleans or arrays of those; a profile holds at
 * most {@value #MAX_KEYS} of them. The API refuses anything else ({@link #validate}); ingestion, which must
 * not drop an event for a badly named attribute, repairs keys and drops unusable values ({@link #sanitize}).
 */
final class Traits {

	static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	static final int MAX_KEYS = 100;

	private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

	private static final Pattern NOT_KEY = Pattern.compile("[^a-z0-9]*[^a-z0-9_][^a-z0-9]*|__+");

	private static final Pattern LEADING = Pattern.compile("^[^a-z]+");

	static final int MAX_STRING = 1000;

	static final int MAX_ARRAY = 100;

	private Traits() {
	}

	/**
	 * Checks traits sent by an API client.
	 * @param traits the traits, may be {@code null}
	 * @param nullRemoves whether {@code null} values are allowed (a merge patch removes those keys)
	 * @param violations where broken rules go
	 */
	static void validate(Map<String, ?> traits, boolean nullRemoves, Violations violations) {
		if (traits == null) {
			return;
		}
		if (traits.size() > MAX_KEYS) {
			violations.add("traits", "too-many-traits", MAX_KEYS);
			return;
		}
		traits.forEach((key, value) -> {
			String field = "traits." + key;
			if (!KEY.matcher(key).matches()) {
				violations.add(field, "trait-key");
			}
			else if (value == null ? !nullRemoves : !isValue(value)) {
				violations.add(field, "trait-value", MAX_STRING, MAX_ARRAY);
			}
		});
	}

	/**
	 * Applies a merge patch: {@code null} removes a key, anything else sets it.
	 * @param current the stored traits
	 * @param patch validated changes
	 * @return the new traits
	 */
	static Map<String, Object> merge(Map<String, Object> current, Map<String, ?> patch) {
		Map<String, Object> merged = new LinkedHashMap<>(current);
		patch.forEach((key, value) -> {
			if (value == null) {
				merged.remove(key);
			}
			else {
				merged.put(key, value);
			}
		});
		return merged;
	}

	/**
	 * Repairs free-form traits from ingestion: keys become snake_case matching {@link #KEY}, values that are
	 * not scalars or arrays of scalars are dropped, {@code null} stays (it removes the key on merge), keys
	 * beyond what fits beside {@code current} are dropped.
	 * @param raw attributes as received
	 * @param current the profile's stored traits
	 * @return the usable part, in the order received
	 */
	static Map<String, Object> sanitize(Map<String, ?> raw, Map<String, Object> current) {
		Map<String, Object> result = new LinkedHashMap<>();
		int room = MAX_KEYS - current.size();
		for (Map.Entry<String, ?> entry : raw.entrySet()) {
			Optional<String> key = sanitizeKey(entry.getKey());
			if (key.isEmpty()) {
				continue;
			}
			Object value = entry.getValue();
			if (value != null && !isValue(value)) {
				continue;
			}
			boolean known = current.containsKey(key.get()) || result.containsKey(key.get());
			if (!known && value != null && room <= 0) {
				continue;
			}
			if (!known && value != null) {
				room--;
			}
			result.put(key.get(), value);
		}
		return result;
	}

	/**
	 * @param raw an attribute name such as {@code favouriteStore} or {@code Last Visit}
	 * @return the key in trait form ({@code favourite_store}, {@code last_visit}), or empty when nothing usable
	 * remains
	 */
	static Optional<String> sanitizeKey(String raw) {
		if (raw == null) {
			return Optional.empty();
		}
		if (KEY.matcher(raw).matches() && !raw.endsWith("_") && !raw.contains("__")) {
			return Optional.of(raw);
		}
		String snake = CAMEL_HUMP.matcher(raw.strip()).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
		snake = NOT_KEY.matcher(snake).replaceAll("_");
		snake = LEADING.matcher(snake).replaceAll("");
		snake = snake.endsWith("_") ? snake.substring(0, snake.length() - 1) : snake;
		if (snake.length() > 64) {
			snake = snake.substring(0, 64);
		}
		return KEY.matcher(snake).matches() ? Optional.of(snake) : Optional.empty();
	}

	static boolean isValue(Object value) {
		if (value instanceof List<?> list) {
			return list.size() <= MAX_ARRAY && list.stream().allMatch(Traits::isScalar);
		}
		return isScalar(value);
	}

	private static boolean isScalar(Object value) {
		if (value instanceof String text) {
			return text.length() <= MAX_STRING;
		}
		if (value instanceof Double number) {
			return Double.isFinite(number);
		}
		if (value instanceof Float number) {
			return Float.isFinite(number);
		}
		return value instanceof Boolean || value instanceof Integer || value instanceof Long
				|| value instanceof Short || value instanceof BigInteger || value instanceof BigDecimal;
	}

	/** @return a copy without {@code null} values (which mean "no such trait"), lists copied too */
	static Map<String, Object> copy(Map<String, ?> traits) {
		Map<String, Object> copy = new LinkedHashMap<>();
		traits.forEach((key, value) -> {
			if (value != null) {
				copy.put(key, value instanceof List<?> list ? new ArrayList<>(list) : value);
			}
		});
		return copy;
	}
}
