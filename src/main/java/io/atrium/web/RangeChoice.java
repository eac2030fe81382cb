package io.atrium.web;

import java.time.Clock;
import java.util.List;

import io.atrium.shared.DateRange;
import io.atrium.shared.InvalidInput;

/**
 * The date range a page shows, from its {@code preset} or {@code from}/{@code to} query parameters. A range
 * that cannot be read falls back to the default preset and says so on the page.
 *
 * @param preset the chosen preset, or {@code null} for a custom range
 * @param invalid whether the requested range was refused
 */
public record RangeChoice(DateRange range, String preset, boolean invalid) {

	static final List<String> PRESETS = List.of("7d", "30d", "90d", "1y");

	static RangeChoice of(String preset, String from, String to, Clock clock) {
		boolean custom = (from != null && !from.isBlank()) || (to != null && !to.isBlank());
		String chosen = custom ? null : (preset == null || preset.isBlank() ? DateRange.DEFAULT_PRESET : preset);
		try {
			return new RangeChoice(DateRange.parse(chosen, custom ? from : null, custom ? to : null, clock), chosen,
					false);
		}
		catch (InvalidInput ex) {
			return new RangeChoice(DateRange.preset(DateRange.DEFAULT_PRESET, clock), DateRange.DEFAULT_PRESET, true);
		}
	}

	/** @return the query string that selects this range again */
	public String query() {
		return preset != null ? "preset=" + preset : "from=" + range.from() + "&to=" + range.to();
	}
}
