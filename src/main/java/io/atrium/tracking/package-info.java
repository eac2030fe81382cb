/**
 * Touchpoint ingestion: every interaction of a customer with the mall, on any channel.
 * <p>
 * <b>Ways in.</b> {@code POST /api/journey/touchpoints/track} (one touchpoint; 201, or 200 with
 * {@code duplicate: true} for a replayed {@code message_id}), {@code POST /api/touchpoints/batch} (up to 1,000;
 * valid items are stored even when others are rejected, one transaction, one insert statement), the
 * Segment-compatible {@code POST /v1/track|identify|page|screen|group|alias|batch|import} for off-the-shelf
 * analytics SDKs (write key as HTTP Basic user or {@code writeKey} in the body; gzip accepted), and
 * {@link io.atrium.tracking.TouchpointBulkLoad} for history (COPY, no events).
 * <p>
 * <b>Decisions.</b> Unknown customer ids create a profile ({@code IdentifyingCustomers.resolveOrCreate});
 * ids of merged-away profiles resolve to the survivor. A {@code message_id} is unique across all sources: a
 * replay is acknowledged and stores nothing. Segment {@code track} events are mapped by name to touchpoint
 * types ({@code SegmentEventNames}, extensible with {@code atrium.tracking.segment-events}); names that map to
 * nothing are kept as {@code custom_event} with {@code metadata.event}, and {@code group} calls as
 * {@code group} touchpoints, so nothing accepted is lost. In a Segment batch, malformed messages are skipped
 * and the rest stored (Segment clients never retry a 400). Only the page, campaign, library, app, locale,
 * timezone and channel parts of a Segment context are kept — never IP addresses or user agents.
 * <p>
 * <b>Out.</b> {@link io.atrium.tracking.TouchpointRecorded} for every new touchpoint, published in the storing
 * transaction; reads by {@code GET /api/customers/{customer_id}/touchpoints} and
 * {@code GET /api/touchpoints/{touchpoint_id}}; the mall's stores by {@code GET /api/stores} and
 * {@link io.atrium.tracking.MallDirectory}.
 */
package io.atrium.tracking;
