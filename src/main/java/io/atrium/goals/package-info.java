/**
 * Business goals with live progress, the assistant's AI preferences, and the versioned configuration both are
 * kept in.
 * <p>
 * <b>Goals</b> ({@link io.atrium.goals.BusinessGoals}) name an analytics metric, a target and a period; progress
 * is computed on every read from {@link io.atrium.analytics.AnalyticsReports} — value, percent of target, time
 * elapsed, pace, a forecast to the period's end (a least-squares line through the daily values of additive
 * metrics; the current value for rates and levels) and a status: {@code on_track} when the forecast reaches
 * the target, {@code at_risk} from 90 %, {@code off_track} below. {@code average_rating} (customer satisfaction)
 * is the mean 1–5 rating of {@code review} touchpoints in the period, read through tracking's
 * {@code TouchpointTimeline.ratings}. Metrics this installation cannot measure
 * (NPS: no survey source) report
 * {@code unavailable}.
 * <p>
 * <b>AI preferences</b> ({@link io.atrium.goals.AiPreferences}) move thresholds other modules read (e.g. high
 * churn risk at 0.6 / 0.7 / 0.8 for conservative / balanced / aggressive).
 * <p>
 * <b>Versioning.</b> Every write keeps the actor, time, and the document before and after; any change can be
 * reverted, which is itself a new change. Only ADMIN writes (URL rules in access).
 */
package io.atrium.goals;
