package io.atrium.demo;

/**
 * A tenant of the synthetic mall.
 *
 * @param id stable id, e.g. {@code ST001}
 * @param name display name
 * @param category e.g. {@code fashion}, {@code luxury}, {@code food_beverage}
 * @param floor floor label, e.g. {@code L2}
 * @param zoneId the {@link MallZone} it lies in
 * @param unit unit number, e.g. {@code L2-07}
 */
public record MallStore(String id, String name, String category, String floor, String zoneId, String unit) {
}
