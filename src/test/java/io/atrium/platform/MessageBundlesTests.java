package io.atrium.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every message exists in English and Simplified Chinese: a key missing from either bundle fails the build.
 */
class MessageBundlesTests {

	@Test
	void everyBundleHasEnglishAndChineseWithTheSameKeys() throws IOException {
		String[] basenames = MessagesConfiguration.basenames();
		assertThat(basenames).isNotEmpty();
		for (String basename : basenames) {
			Set<String> english = keys(basename + ".properties");
			Set<String> chinese = keys(basename + "_zh_CN.properties");
			assertThat(english).as("keys of %s.properties", basename).isNotEmpty();
			Set<String> missingInChinese = new TreeSet<>(english);
			missingInChinese.removeAll(chinese);
			Set<String> missingInEnglish = new TreeSet<>(chinese);
			missingInEnglish.removeAll(english);
			assertThat(missingInChinese).as("keys missing in %s_zh_CN.properties", basename).isEmpty();
			assertThat(missingInEnglish).as("keys missing in %s.properties", basename).isEmpty();
		}
	}

	@Test
	void noMessageIsBlank() throws IOException {
		for (Resource resource : new PathMatchingResourcePatternResolver().getResources(MessagesConfiguration.LOCATION)) {
			Properties properties = load(resource);
			properties.forEach((key, value) -> assertThat(value.toString().strip())
				.as("%s in %s", key, resource.getFilename())
				.isNotEmpty());
		}
	}

	private static Set<String> keys(String path) throws IOException {
		Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath*:" + path);
		assertThat(found).as("bundle %s", path).isNotEmpty();
		Set<String> keys = new TreeSet<>();
		for (Resource resource : found) {
			load(resource).stringPropertyNames().forEach(keys::add);
		}
		return keys;
	}

	private static Properties load(Resource resource) throws IOException {
		Properties properties = new Properties();
		try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}
}
