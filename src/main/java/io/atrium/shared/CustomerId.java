package io.atrium.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * The internal, immutable identity of a customer profile. Other modules reference customers by this id
 * only; the mall-facing external id (e.g. {@code CUST001}) is resolved by the customer module.
 *
 * @param value never {@code null}
 */
public record CustomerId(UUID value) {

	public CustomerId {
		Objects.requireNonNull(value, "value");
	}

	/** @return a new random id */
	public static CustomerId random() {
		return new CustomerId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
