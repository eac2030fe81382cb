package io.atrium.demo;

/**
 * A part of the synthetic mall: a hall, a floor area or a parking deck.
 *
 * @param id stable id, e.g. {@code Z-L1-MAIN}
 * @param name display name, e.g. {@code Main Hall}
 * @param floor floor label, e.g. {@code L1} or {@code B2}
 * @param kind {@code hall}, {@code retail}, {@code food_court}, {@code dining}, {@code entertainment} or
 * {@code parking}
 */
public record MallZone(String id, String name, String floor, String kind) {
}
