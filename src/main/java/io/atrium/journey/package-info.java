/**
 * Customer journeys: lifecycle stages and their transitions, health score, churn risk, momentum, next-stage
 * prediction, churn alerts and journey patterns, all kept from {@code TouchpointRecorded} in the journey's own tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Journey")
package io.atrium.journey;
