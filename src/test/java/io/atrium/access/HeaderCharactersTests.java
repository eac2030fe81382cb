package io.atrium.access;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderCharactersTests {

	/** Spring Security's own rules (StrictHttpFirewall), which the loop must match exactly. */
	private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void agreesWithTheFirewallsExpressionsOnEveryCodePoint() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String text = "a" + new String(Character.toChars(codePoint)) + "b";
			assertThat(HeaderCharacters.allowedName(text)).as("name U+%04X", codePoint)
				.isEqualTo(NAME.matcher(text).matches());
			assertThat(HeaderCharacters.allowedValue(text)).as("value U+%04X", codePoint)
				.isEqualTo(VALUE.matcher(text).matches());
		}
	}

	@Test
	void agreesOnLongerMixedStringsAndLoneSurrogates() {
		Random random = new Random(7);
		for (int n = 0; n < 20_000; n++) {
			StringBuilder text = new StringBuilder();
			for (int i = random.nextInt(12); i > 0; i--) {
				text.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x10000) : 0x20 + random.nextInt(0x60)));
			}
			String candidate = text.toString();
			assertThat(HeaderCharacters.allowedName(candidate)).as(candidate).isEqualTo(NAME.matcher(candidate).matches());
			assertThat(HeaderCharacters.allowedValue(candidate)).as(candidate)
				.isEqualTo(VALUE.matcher(candidate).matches());
		}
		for (String header : List.of("", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x", "text/html;\tq=0.9", "上海", "a\u0000b",
				"a\r\nb", "\uD800", "\uDBFF\uDFFF")) {
			assertThat(HeaderCharacters.allowedValue(header)).as(header).isEqualTo(VALUE.matcher(header).matches());
			assertThat(HeaderCharacters.allowedName(header)).as(header).isEqualTo(NAME.matcher(header).matches());
		}
	}
}
