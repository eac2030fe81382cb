package io.atrium.customer;

import java.util.ArrayList;
import java.util.List;

import io.atrium.shared.InvalidInput;
import io.atrium.shared.Problem.FieldError;

/**
 * Collects every broken rule of one request, so that a 422 names all offending fields at once.
 */
final class Violations {

	private final CustomerTexts texts;

	private final List<FieldError> errors = new ArrayList<>();

	Violations(CustomerTexts texts) {
		this.texts = texts;
	}

	void add(String field, String key, Object... args) {
		errors.add(new FieldError(field, texts.get("validation." + key, args)));
	}

	boolean isEmpty() {
		return errors.isEmpty();
	}

	List<FieldError> errors() {
		return List.copyOf(errors);
	}

	void throwIfAny() {
		if (!errors.isEmpty()) {
			FieldError first = errors.get(0);
			throw new InvalidInput(first.field() + ": " + first.message(), errors);
		}
	}
}
