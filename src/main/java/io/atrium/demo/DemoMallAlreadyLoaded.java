package io.atrium.demo;

import io.atrium.shared.Conflict;

/**
 * A demo mall was requested but the mall already has the demo's customers (their external ids would clash).
 */
public class DemoMallAlreadyLoaded extends Conflict {

	public DemoMallAlreadyLoaded() {
		super("demo-already-loaded", "The mall already has demo customers");
	}
}
