package io.atrium.platform;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.atrium.shared.Problem.FieldError;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Builds RFC 9457 problem details with titles from the message bundles, so that every refusal, whether it
 * comes from a controller, a filter or the security layer, reads the same.
 */
@Component
public class Problems {

	/** Prefix of every problem {@code type} URI. */
	public static final String TYPE_BASE = "https://atrium.io/problems/";

	private final MessageSource messages;

	Problems(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * @param status HTTP status
	 * @param slug problem type name; its title is {@code problem.<slug>.title} in the bundles
	 * @param detail human-readable detail, never containing PII or stack traces
	 * @param errors field errors, may be empty
	 * @return the problem detail
	 */
	public ProblemDetail of(int status, String slug, String detail, List<FieldError> errors) {
		Locale locale = LocaleContextHolder.getLocale();
		String fallback = HttpStatus.resolve(status) != null ? HttpStatus.resolve(status).getReasonPhrase() : slug;
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setType(URI.create(TYPE_BASE + slug));
		problem.setTitle(messages.getMessage("problem." + slug + ".title", null, fallback, locale));
		problem.setDetail(detail);
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

	/**
	 * @param status HTTP status
	 * @param slug problem type name
	 * @param detailKey message key of the detail
	 * @param args message arguments
	 * @return the problem detail with a localised detail
	 */
	public ProblemDetail localized(int status, String slug, String detailKey, Object... args) {
		String detail = messages.getMessage(detailKey, args, detailKey, LocaleContextHolder.getLocale());
		return of(status, slug, detail, List.of());
	}
}
