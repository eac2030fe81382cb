/**
 * Analytics: customer insights and campaign performance over {@link io.atrium.shared.DateRange}s, each figure
 * compared with the equal-length previous range, served from rollups this module keeps in its own tables.
 * <p>
 * <b>Rollups.</b> {@link io.atrium.analytics.AnalyticsRollups} folds every
 * {@link io.atrium.tracking.TouchpointRecorded} into daily rollups (per day, type, channel, store, campaign),
 * per-customer-day activity, first-seen days, campaign touches and purchases — incrementally, never by a cron
 * rebuild. History loaded without events is folded in by {@link io.atrium.analytics.AnalyticsRollups#rebuild()}.
 * Each touchpoint counts once (a redelivered event is ignored).
 * <p>
 * <b>Definitions.</b> Active: at least one touchpoint in the range. New: active and first seen in the range.
 * Returning: active and first seen before it. Lapsed: active in the previous range, not in this one. Visits:
 * {@code store_visit} touchpoints. Revenue: the amounts of {@code purchase} touchpoints (CNY). Average order
 * value: revenue / purchases. Purchase frequency: purchases / purchasing customers. Retention rate: share of
 * the previous range's active customers active again in this range. Days are the mall's calendar days.
 * <p>
 * <b>Summaries.</b> Whole-mall reports read small summaries ({@link io.atrium.analytics.ActiveSummaries}): a
 * per-day "gap" summary that gives distinct customers (active, new, purchasers, lapsed, reached by a campaign)
 * over any range from rows per (day, previous active day), day totals per mall/store/channel/campaign, and each
 * purchase's credit under the default attribution, kept as purchases and campaign touches arrive and summed per
 * day. Filtered
 * reports ({@code store}, {@code channel}, {@code segment_id}) and other attribution models read the
 * per-customer-day rollup and the campaign touches, as does the straightforward computation tests compare with.
 * <p>
 * <b>From other modules.</b> Stage, health and churn-risk distributions and stage flows come from
 * {@link io.atrium.journey.CustomerJourneys#distribution} (reused for 60 s); segment members from
 * {@link io.atrium.segment.SegmentMembership}; messages per channel from
 * {@link io.atrium.messaging.MessageStatistics}; per-workflow figures from
 * {@link io.atrium.automation.WorkflowStatistics}; review ratings from
 * {@link io.atrium.tracking.TouchpointTimeline#ratings}. Messages carry no campaign id and no cost, so per-campaign
 * sent/delivered/cost stay {@code null} and are listed under {@code unavailable}.
 */
package io.atrium.analytics;
