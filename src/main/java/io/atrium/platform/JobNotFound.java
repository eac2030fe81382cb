package io.atrium.platform;

import java.util.UUID;

import io.atrium.shared.NotFound;

/**
 * There is no job with the requested id.
 */
public class JobNotFound extends NotFound {

	public JobNotFound(UUID id) {
		super("job-not-found", "No job with id " + id);
	}
}
