package io.atrium.scoring;

import java.util.List;
import java.util.Locale;

/**
 * How free-form trait values (typed JSON or strings from an imported table) are read: blanks are missing,
 * numbers in text are numbers, {@code true/false/yes/no/y/n/1/0} in any case are booleans, the rest are
 * categories compared trimmed and lower-cased.
 */
final class TraitValues {

	private TraitValues() {
	}

	static boolean blank(Object value) {
		if (value == null) {
			return true;
		}
		if (value instanceof String text) {
			String folded = text.strip().toLowerCase(Locale.ROOT);
			return folded.isEmpty() || folded.equals("null") || folded.equals("n/a") || folded.equals("na")
					|| folded.equals("-");
		}
		return value instanceof List<?> list && list.isEmpty();
	}

	/** @return the value as a finite number, or {@code null} */
	static Double number(Object value) {
		if (value instanceof Boolean) {
			return null;
		}
		if (value instanceof Number number) {
			double result = number.doubleValue();
			return Double.isFinite(result) ? result : null;
		}
		if (value instanceof String text) {
			String stripped = text.strip().replace(",", "");
			if (stripped.isEmpty() || !stripped.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
				return null;
			}
			double result = Double.parseDouble(stripped);
			return Double.isFinite(result) ? result : null;
		}
		return null;
	}

	/** @return the value as a boolean, or {@code null} when it is not one */
	static Boolean truth(Object value) {
		if (value instanceof Boolean bool) {
			return bool;
		}
		if (value instanceof Number number) {
			double result = number.doubleValue();
			return result == 1 ? Boolean.TRUE : result == 0 ? Boolean.FALSE : null;
		}
		if (value instanceof String text) {
			switch (text.strip().toLowerCase(Locale.ROOT)) {
				case "true", "yes", "y", "1", "t", "是":
					return Boolean.TRUE;
				case "false", "no", "n", "0", "f", "否":
					return Boolean.FALSE;
				default:
					return null;
			}
		}
		return null;
	}
}
