package io.atrium.shared;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list: the items and the opaque cursor of the next page ({@code null} on
 * the last page). Serialised as {@code {"items": [...], "next_cursor": "..."}}.
 *
 * @param items never {@code null}
 * @param nextCursor {@code null} when there is no further page
 * @param <T> item type
 */
public record Page<T>(List<T> items, String nextCursor) {

	public Page {
		items = List.copyOf(items);
	}

	/**
	 * @param mapper applied to each item
	 * @param <R> new item type
	 * @return the same page with mapped items
	 */
	public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
		return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
	}
}
