package io.atrium.automation;

import java.util.List;

/**
 * Request bodies of the automation API.
 */
final class AutomationRequests {

	private AutomationRequests() {
	}

	/**
	 * {@code POST .../trigger} and {@code POST .../dry-run}: the customers to enter or simulate (1–1,000), or a
	 * segment whose current members are entered (as a job) or simulated (the first 1,000).
	 */
	record CustomerIds(List<String> customerIds, String segmentId) {
	}
}
