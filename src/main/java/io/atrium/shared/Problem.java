package io.atrium.shared;

import java.util.List;

/**
 * A refusal the caller can act on. The web layer turns it into an RFC 9457 {@code application/problem+json}
 * response whose {@code type} ends in {@link #slug()}, whose title comes from the message bundle key
 * {@code problem.<slug>.title} and whose detail is {@link #getMessage()}.
 * <p>
 * Subclasses are named as facts ({@code CustomerNotFound}, {@code ConsentMissing}).
 */
public abstract class Problem extends RuntimeException {

	private final int status;

	private final String slug;

	private final List<FieldError> errors;

	protected Problem(int status, String slug, String detail) {
		this(status, slug, detail, List.of());
	}

	protected Problem(int status, String slug, String detail, List<FieldError> errors) {
		super(detail, null, false, false);
		this.status = status;
		this.slug = slug;
		this.errors = List.copyOf(errors);
	}

	/** @return the HTTP status */
	public int status() {
		return status;
	}

	/** @return the stable problem type name, e.g. {@code customer-not-found} */
	public String slug() {
		return slug;
	}

	/** @return field-level errors, possibly empty, never {@code null} */
	public List<FieldError> errors() {
		return errors;
	}

	/**
	 * A message about one input field.
	 *
	 * @param field the JSON field path, e.g. {@code metadata.amount}
	 * @param message what is wrong with it
	 */
	public record FieldError(String field, String message) {
	}
}
