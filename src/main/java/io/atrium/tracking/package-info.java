/**
 * Touchpoint ingestion: the native tracking and batch APIs, the Segment-compatible {@code /v1/*} endpoints,
 * message-id deduplication, the mall directory (zones and stores) and {@link io.atrium.tracking.TouchpointRecorded}
 * for every touchpoint stored.
 */
package io.atrium.tracking;
