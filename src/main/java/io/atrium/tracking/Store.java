package io.atrium.tracking;

/**
 * A store (tenant) in the mall; touchpoints reference it by {@link #id()} as {@code store_id}.
 *
 * @param id stable id, e.g. {@code S-0101}, never {@code null}
 * @param name display name, never {@code null}
 * @param category e.g. {@code fashion}, {@code dining}, never {@code null}
 * @param floor floor label, or {@code null}
 * @param zoneId the {@link Zone} it lies in, or {@code null}
 * @param unit unit number, or {@code null}
 */
public record Store(String id, String name, String category, String floor, String zoneId, String unit) {
}
