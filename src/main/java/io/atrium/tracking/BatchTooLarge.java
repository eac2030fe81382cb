package io.atrium.tracking;

import io.atrium.shared.Problem;

/**
 * A batch holds more touchpoints than one request may carry (413); nothing of it was stored.
 */
class BatchTooLarge extends Problem {

	BatchTooLarge(int size, int max) {
		super(413, "batch-too-large", "A batch may hold at most " + max + " touchpoints; this one holds " + size);
	}
}
