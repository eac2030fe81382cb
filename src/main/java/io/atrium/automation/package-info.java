/**
 * Marketing automation: workflows as data (a trigger and allow-listed steps), versioned and run durably per customer
 * by db-scheduler tasks, with every step execution logged and every side effect keyed for at-most-once delivery.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Automation")
package io.atrium.automation;
