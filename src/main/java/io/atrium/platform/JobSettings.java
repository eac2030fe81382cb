package io.atrium.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long-running jobs run.
 *
 * @param threads jobs run at the same time on this node (default 2)
 * @param queue jobs waiting for a thread on this node before new ones are refused (default 16)
 * @param heartbeatSeconds how often this node marks its jobs alive (default 15)
 * @param staleAfterSeconds after how long without a heartbeat a queued or running job counts as interrupted
 * (default 60)
 */
@ConfigurationProperties("atrium.jobs")
public record JobSettings(Integer threads, Integer queue, Integer heartbeatSeconds, Integer staleAfterSeconds) {

	public JobSettings {
		threads = threads == null ? 2 : threads;
		queue = queue == null ? 16 : queue;
		heartbeatSeconds = heartbeatSeconds == null ? 15 : heartbeatSeconds;
		staleAfterSeconds = staleAfterSeconds == null ? 60 : staleAfterSeconds;
	}
}
