package io.atrium.assistant;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/** The assistant's texts ({@code i18n/assistant*.properties}) in a given locale. */
@Component
class AssistantTexts {

	static final String BASENAME = "i18n/assistant";

	private final ResourceBundleMessageSource bundle;

	AssistantTexts(MessageSource application) {
		this.bundle = new ResourceBundleMessageSource();
		this.bundle.setBasename(BASENAME);
		this.bundle.setDefaultEncoding("UTF-8");
		this.bundle.setFallbackToSystemLocale(false);
		this.bundle.setParentMessageSource(application);
	}

	String get(Locale locale, String key, Object... args) {
		return bundle.getMessage(key, args, key, locale);
	}
}
