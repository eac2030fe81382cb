package io.atrium.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One message source over every bundle under {@code i18n/} on the classpath: each module keeps its own
 * {@code i18n/<module>.properties} (English) and {@code i18n/<module>_zh_CN.properties} (Simplified
 * Chinese), found here without a central list.
 */
@Configuration(proxyBeanMethods = false)
class MessagesConfiguration {

	static final String LOCATION = "classpath*:i18n/*.properties";

	@Bean
	MessageSource messageSource() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames(basenames());
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		source.setUseCodeAsDefaultMessage(false);
		return source;
	}

	static String[] basenames() {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver().getResources(LOCATION);
			return Arrays.stream(resources)
				.map(Resource::getFilename)
				.filter(Objects::nonNull)
				.map(name -> name.replaceFirst("\\.properties$", "").replaceFirst("_[a-z]{2}(_[A-Z]{2})?$", ""))
				.map(name -> "i18n/" + name)
				.collect(java.util.stream.Collectors.toCollection(TreeSet::new))
				.toArray(String[]::new);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
