package io.atrium.tracking;

/**
 * A history load stored touchpoints without publishing {@link TouchpointRecorded} for each of them. Modules
 * that derive state from touchpoints rebuild it from history when they receive this.
 *
 * @param count how many touchpoints the load stored
 */
public record TouchpointsBulkLoaded(long count) {
}
