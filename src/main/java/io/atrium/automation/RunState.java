package io.atrium.automation;

import java.util.Locale;

/**
 * One customer's run through one workflow version. pending → running ⇄ waiting → completed | exited | failed; the
 * three end states are final. Transitions are guarded and an illegal one names the state it was refused in.
 */
enum RunState {

	PENDING, RUNNING, WAITING, COMPLETED, EXITED, FAILED;

	String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static RunState of(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

	boolean finished() {
		return this == COMPLETED || this == EXITED || this == FAILED;
	}

	RunState to(RunState next) {
		boolean legal;
		switch (this) {
			case PENDING:
				legal = next == RUNNING || next == EXITED || next == FAILED;
				break;
			case RUNNING:
				legal = next != PENDING;
				break;
			case WAITING:
				legal = next == RUNNING || next == EXITED || next == FAILED;
				break;
			default:
				legal = false;
		}
		if (!legal) {
			throw new IllegalStateException("a run that is " + code() + " cannot become " + next.code());
		}
		return next;
	}
}
