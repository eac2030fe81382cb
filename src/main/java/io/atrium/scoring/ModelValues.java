package io.atrium.scoring;

/**
 * Values as models see them: {@code sign(x) · ln(1 + |x|)}, so counts and money in the thousands and
 * one-hot flags share a scale (linear models train stably; trees are unaffected by a monotone map).
 */
final class ModelValues {

	private ModelValues() {
	}

	static double[] squash(double[] values) {
		double[] squashed = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			double value = values[i];
			squashed[i] = Math.signum(value) * Math.log1p(Math.abs(value));
		}
		return squashed;
	}
}
