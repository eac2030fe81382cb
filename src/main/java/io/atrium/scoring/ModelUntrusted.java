package io.atrium.scoring;

import io.atrium.shared.Problem;

/**
 * A stored model's bytes do not carry the signature Atrium gives the models it trains; it is never loaded.
 */
class ModelUntrusted extends Problem {

	ModelUntrusted(int version) {
		super(409, "model-untrusted", "Model version " + version + " was not written by Atrium and is not loaded");
	}
}
