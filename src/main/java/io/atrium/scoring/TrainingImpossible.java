package io.atrium.scoring;

import io.atrium.shared.Problem;

/**
 * There is not enough data to train a model: too few customers, or only one outcome among them.
 */
class TrainingImpossible extends Problem {

	TrainingImpossible(String detail) {
		super(422, "training-impossible", detail);
	}
}
