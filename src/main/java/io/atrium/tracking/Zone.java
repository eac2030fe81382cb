package io.atrium.tracking;

/**
 * A part of the mall: a hall, a floor, a parking deck.
 *
 * @param id stable id, e.g. {@code Z-MAIN}, never {@code null}
 * @param name display name, never {@code null}
 * @param floor floor label (e.g. {@code L1}, {@code B2}), or {@code null}
 * @param kind e.g. {@code hall}, {@code floor}, {@code parking}, never {@code null}
 */
public record Zone(String id, String name, String floor, String kind) {
}
