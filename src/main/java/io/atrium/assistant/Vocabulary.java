package io.atrium.assistant;

import java.util.List;

/**
 * The names the assistant recognises from the live data: stores, store categories, segments and campaigns.
 *
 * @param stores the mall's stores
 * @param categories store category codes, e.g. {@code fashion}, {@code food_beverage}
 * @param segments active segments
 * @param campaigns campaign ids seen in the last year
 */
record Vocabulary(List<Named> stores, List<String> categories, List<Named> segments, List<String> campaigns) {

	static final Vocabulary EMPTY = new Vocabulary(List.of(), List.of(), List.of(), List.of());

	/**
	 * @param id the id filters carry
	 * @param name the name people use
	 */
	record Named(String id, String name) {
	}
}
