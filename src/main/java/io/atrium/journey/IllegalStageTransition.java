package io.atrium.journey;

/**
 * A journey was asked to move in a direction its rules forbid (a programming error, never user input).
 */
class IllegalStageTransition extends IllegalStateException {

	IllegalStageTransition(String message) {
		super(message);
	}
}
