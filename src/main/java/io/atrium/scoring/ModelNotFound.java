package io.atrium.scoring;

import io.atrium.shared.NotFound;

/**
 * No model has the requested version.
 */
class ModelNotFound extends NotFound {

	ModelNotFound(int version) {
		super("model-not-found", "No model with version " + version);
	}
}
