package io.atrium.automation;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert: a workflow was paused automatically because too many of its recent runs failed.
 *
 * @param workflowId the paused workflow
 * @param failedRuns failed runs in the window
 * @param finishedRuns finished runs in the window
 * @param occurredAt when it was paused
 */
public record WorkflowPausedForFailures(UUID workflowId, int failedRuns, int finishedRuns, Instant occurredAt) {
}
