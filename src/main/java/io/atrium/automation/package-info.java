/**
 * Marketing automation: workflows as data (a trigger and allow-listed steps), versioned and run durably per customer
 * by db-scheduler tasks, with every step execution logged and every side effect keyed: at-least-once delivery with a
 * stable id per step, exactly once in effect where the receiver deduplicates on it (see docs/AUTOMATION.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Automation")
package io.atrium.automation;
