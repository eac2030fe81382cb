package io.atrium.customer;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerMessagesUnitTests {

	@Test
	void englishAndChineseBundlesHaveTheSameKeys() throws IOException {
		assertThat(load("customer_zh_CN").stringPropertyNames())
			.containsExactlyInAnyOrderElementsOf(load("customer").stringPropertyNames());
	}

	@ParameterizedTest
	@ValueSource(strings = { "customer-not-found", "duplicate-customer", "identity-taken", "customer-changed",
			"customer-merged" })
	void everyProblemHasATitle(String slug) throws IOException {
		assertThat(load("customer").getProperty("problem." + slug + ".title")).isNotBlank();
		assertThat(load("customer_zh_CN").getProperty("problem." + slug + ".title")).isNotBlank();
	}

	@Test
	void resolvesTextsInTheCallersLanguage() {
		CustomerTexts texts = CustomerTexts.standalone();
		assertThat(texts.get(Locale.ENGLISH, "validation.too-long", 100)).isEqualTo("must be at most 100 characters");
		assertThat(texts.get(Locale.SIMPLIFIED_CHINESE, "validation.too-long", 100)).isEqualTo("最多 100 个字符");
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (var in = CustomerMessagesUnitTests.class.getResourceAsStream("/i18n/" + name + ".properties")) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}
}
