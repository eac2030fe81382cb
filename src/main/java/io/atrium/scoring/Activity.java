package io.atrium.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What scoring knows of a customer's behaviour: touchpoints per type and day, from its own aggregates.
 *
 * @param days per type and day, in no particular order
 */
record Activity(List<Day> days) {

	static final Activity NONE = new Activity(List.of());

	/**
	 * @param type touchpoint type
	 * @param day the day in the mall's zone
	 * @param events how many
	 * @param amount money spent on that day in touchpoints of this type
	 */
	record Day(String type, LocalDate day, int events, double amount) {
	}

	/** @return only the days strictly before {@code cutoff} */
	Activity before(LocalDate cutoff) {
		List<Day> kept = new ArrayList<>();
		for (Day day : days) {
			if (day.day().isBefore(cutoff)) {
				kept.add(day);
			}
		}
		return new Activity(kept);
	}

	/**
	 * @return whether a touchpoint of {@code type} happened on a day after {@code from}, up to and including {@code to}
	 */
	boolean happened(String type, LocalDate from, LocalDate to) {
		for (Day day : days) {
			if (day.type().equals(type) && day.day().isAfter(from) && !day.day().isAfter(to) && day.events() > 0) {
				return true;
			}
		}
		return false;
	}
}
