package io.atrium.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.atrium.shared.CustomerId;

/**
 * The lifecycle aggregate of one customer: its stage, since when, the highest stage ever reached, and the
 * transitions made since it was loaded. It only moves by {@link #promote} (to a later stage) and {@link #regress}
 * (to an earlier one) and refuses anything else, naming the state it is in.
 */
final class CustomerJourney {

	private final CustomerId customerId;

	private Stage stage;

	private Instant stageSince;

	private Stage highest;

	private final List<StageTransition> transitions = new ArrayList<>(2);

	private CustomerJourney(CustomerId customerId, Stage stage, Instant stageSince, Stage highest) {
		this.customerId = customerId;
		this.stage = stage;
		this.stageSince = stageSince;
		this.highest = highest;
	}

	/** @return a journey that has not begun (no stage) */
	static CustomerJourney notStarted(CustomerId customerId) {
		return new CustomerJourney(customerId, null, null, null);
	}

	/** @return a journey as it was stored */
	static CustomerJourney of(CustomerId customerId, Stage stage, Instant stageSince, Stage highest) {
		return new CustomerJourney(customerId, stage, stageSince, highest);
	}

	/**
	 * Moves to a later stage (or begins the journey).
	 * @param at when; a time before the current stage began is taken as that time (late touchpoints)
	 * @throws IllegalStageTransition when {@code to} is not after the current stage
	 */
	void promote(Stage to, String reason, UUID touchpointId, Instant at) {
		if (!to.above(stage)) {
			throw new IllegalStageTransition("cannot promote a journey in stage " + stage.code() + " to " + to.code());
		}
		move(to, reason, touchpointId, at);
	}

	/**
	 * Falls back to an earlier stage.
	 * @throws IllegalStageTransition when the journey has not begun or {@code to} is not before the current stage
	 */
	void regress(Stage to, String reason, Instant at) {
		if (stage == null || !stage.above(to)) {
			throw new IllegalStageTransition("cannot regress a journey in stage "
					+ (stage == null ? "none" : stage.code()) + " to " + to.code());
		}
		move(to, reason, null, at);
	}

	private void move(Stage to, String reason, UUID touchpointId, Instant at) {
		Instant effective = stageSince != null && at.isBefore(stageSince) ? stageSince : at;
		transitions.add(new StageTransition(UUID.randomUUID(), customerId, stage, to, reason, touchpointId, effective));
		stage = to;
		stageSince = effective;
		if (to.above(highest)) {
			highest = to;
		}
	}

	CustomerId customerId() {
		return customerId;
	}

	/** @return the current stage, or {@code null} when the journey has not begun */
	Stage stage() {
		return stage;
	}

	Instant stageSince() {
		return stageSince;
	}

	Stage highest() {
		return highest;
	}

	boolean started() {
		return stage != null;
	}

	/** @return the transitions made since load, oldest first */
	List<StageTransition> transitions() {
		return List.copyOf(transitions);
	}
}
