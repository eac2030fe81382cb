package io.atrium.platform;

import io.atrium.shared.Conflict;

/**
 * A job of a kind that runs one at a time was requested while another one of that kind is queued or
 * running.
 */
public class JobAlreadyRunning extends Conflict {

	public JobAlreadyRunning(String kind, JobId running) {
		super("job-already-running", "A " + kind + " job is already running: " + running);
	}
}
