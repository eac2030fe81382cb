package io.atrium.customer;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * The module's own texts ({@code i18n/customer*.properties}) in the caller's locale. The bundle is read
 * directly, so texts resolve whether or not the application's message source lists it; keys it lacks are
 * looked up in the application's bundles.
 */
@Component
class CustomerTexts {

	static final String BASENAME = "i18n/customer";

	private final ResourceBundleMessageSource bundle;

	CustomerTexts(MessageSource application) {
		this.bundle = new ResourceBundleMessageSource();
		this.bundle.setBasename(BASENAME);
		this.bundle.setDefaultEncoding("UTF-8");
		this.bundle.setFallbackToSystemLocale(false);
		this.bundle.setParentMessageSource(application);
	}

	/** Texts without an application message source, for tests and tools. */
	static CustomerTexts standalone() {
		return new CustomerTexts(null);
	}

	String get(String key, Object... args) {
		return get(LocaleContextHolder.getLocale(), key, args);
	}

	String get(Locale locale, String key, Object... args) {
		return bundle.getMessage(key, args, key, locale);
	}
}
