/**
 * Segments: dynamic segments defined as a JSON rule tree of allow-listed nodes (compiled to parameterised SQL
 * over this module's own tables, never evaluated as code) and static lists, with membership kept incrementally
 * per customer and time-relative rules expired by timers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Segments")
package io.atrium.segment;
