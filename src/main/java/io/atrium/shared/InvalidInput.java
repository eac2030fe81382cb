package io.atrium.shared;

import java.util.List;

/**
 * Well-formed input that breaks a rule (422), with the offending fields named.
 */
public class InvalidInput extends Problem {

	public InvalidInput(String detail, List<FieldError> errors) {
		super(422, "validation", detail, errors);
	}

	/**
	 * @param field the offending field
	 * @param message what is wrong with it
	 * @return a problem naming one field
	 */
	public static InvalidInput of(String field, String message) {
		return new InvalidInput(field + ": " + message, List.of(new FieldError(field, message)));
	}
}
