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
 * <b>Not here yet.</b> Stage distribution and flows, health and churn-risk distribution come from the journey
 * module; messaging sent/delivered/cost and workflows from messaging/automation. Responses list such fields
 * under {@code unavailable} instead of inventing numbers; {@code segment_id} is refused until segments exist.
 */
package io.atrium.analytics;
