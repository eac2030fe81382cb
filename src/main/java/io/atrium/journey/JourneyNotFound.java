package io.atrium.journey;

import io.atrium.shared.NotFound;

/**
 * The customer is unknown, or has no touchpoint yet and so no journey.
 */
class JourneyNotFound extends NotFound {

	JourneyNotFound() {
		super("journey-not-found", "No journey for this customer id");
	}
}
