package io.atrium.access;

/**
 * The characters Spring Security's {@code StrictHttpFirewall} allows in header names and values, checked by a loop
 * instead of its regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*} for names and parameters, the
 * same with tab allowed for values). The firewall checks a header every time anything reads it, which is dozens of
 * times per request (the handler lookup asks each mapping whether the request is a CORS pre-flight); the regular
 * expressions were several per cent of a customer 360 read's CPU (docs/PERFORMANCE.md). The rules are the same:
 * {@code HeaderCharactersTests} compares both on every code point.
 */
final class HeaderCharacters {

	private HeaderCharacters() {
	}

	/**
	 * @param name a header or parameter name, or a parameter value
	 * @return whether every code point is assigned and none is a control character
	 */
	static boolean allowedName(String name) {
		return allowed(name, false);
	}

	/**
	 * @param value a header value
	 * @return whether every code point is assigned and none is a control character other than tab
	 */
	static boolean allowedValue(String value) {
		return allowed(value, true);
	}

	private static boolean allowed(String text, boolean tab) {
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			i += Character.charCount(codePoint);
			if (codePoint >= 0x20 && codePoint < 0x7f) {
				continue; // printable ASCII: the usual case, decided without a table lookup
			}
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
		}
		return true;
	}
}
