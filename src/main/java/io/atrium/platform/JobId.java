package io.atrium.platform;

import java.util.Objects;
import java.util.UUID;

/**
 * The identity of a long-running job.
 *
 * @param value never {@code null}
 */
public record JobId(UUID value) {

	public JobId {
		Objects.requireNonNull(value, "value");
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
