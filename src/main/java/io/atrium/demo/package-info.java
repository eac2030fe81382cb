/**
 * Demo data: a deterministic synthetic Super Brand Mall (zones, stores, members and a year of their
 * touchpoints) and loading it through the owning modules' bulk-load APIs, on first start or on request.
 */
package io.atrium.demo;
