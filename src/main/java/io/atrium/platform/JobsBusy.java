package io.atrium.platform;

import io.atrium.shared.Problem;

/**
 * Every job slot is taken and the waiting line is full; try again later (503).
 */
public class JobsBusy extends Problem {

	public JobsBusy() {
		super(503, "jobs-busy", "Too many jobs are waiting; try again later");
	}
}
