package io.atrium.automation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Automation engine settings.
 *
 * @param maxEntriesPerDay the global frequency cap: workflow entries per customer per rolling 24 hours (20)
 * @param maxAttempts attempts of a step with transient failures before it is dead-lettered (5)
 * @param retryBase the first retry delay, doubled per attempt with ±50 % jitter (30 s)
 * @param failureWindow how many recent finished runs the failure rate looks at (20)
 * @param failureThreshold the failure rate (0–1) above which a workflow is paused (0.5)
 */
@ConfigurationProperties("atrium.automation")
record AutomationSettings(Integer maxEntriesPerDay, Integer maxAttempts, Duration retryBase, Integer failureWindow,
		Double failureThreshold) {

	AutomationSettings {
		maxEntriesPerDay = maxEntriesPerDay == null ? 20 : maxEntriesPerDay;
		maxAttempts = maxAttempts == null ? 5 : maxAttempts;
		retryBase = retryBase == null ? Duration.ofSeconds(30) : retryBase;
		failureWindow = failureWindow == null ? 20 : failureWindow;
		failureThreshold = failureThreshold == null ? 0.5 : failureThreshold;
	}
}
