package io.atrium.segment;

import java.util.List;

import io.atrium.shared.InvalidInput;
import io.atrium.shared.Problem.FieldError;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The module's texts ({@code i18n/segment*.properties}) in the caller's locale.
 */
@Component
class SegmentTexts {

	private final MessageSource messages;

	SegmentTexts(MessageSource messages) {
		this.messages = messages;
	}

	String get(String key, Object... arguments) {
		return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
	}

	InvalidInput invalid(List<FieldError> errors) {
		return new InvalidInput(get("segment.invalid", errors.size()), errors);
	}

	InvalidInput invalid(String field, String key, Object... arguments) {
		return invalid(List.of(new FieldError(field, get(key, arguments))));
	}
}
