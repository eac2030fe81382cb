package io.atrium.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Narrows customer insights to one store and/or one channel.
 *
 * @param store a store id, or {@code null} for all
 * @param channel a channel, or {@code null} for all
 * @param segmentId a segment whose current members alone count, or {@code null} for everyone
 * @param members the segment's current members (read when the filter is made), {@code null} without a segment
 */
public record InsightsFilter(String store, String channel, UUID segmentId, List<UUID> members) {

	/** No filter: the whole mall. */
	public static final InsightsFilter NONE = new InsightsFilter(null, null);

	/**
	 * @param store a store id, or {@code null} for all
	 * @param channel a channel, or {@code null} for all
	 */
	public InsightsFilter(String store, String channel) {
		this(store, channel, null, null);
	}

	/** @return whether only a segment's members count */
	boolean bySegment() {
		return members != null;
	}

	/** @return whether nothing narrows the report (the summaries serve it) */
	boolean wholeMall() {
		return store == null && channel == null && members == null;
	}

	String where(String alias, List<Object> params) {
		StringBuilder sql = new StringBuilder();
		if (store != null) {
			sql.append(" and ").append(alias).append(".store_id = ?");
			params.add(store);
		}
		if (channel != null) {
			sql.append(" and ").append(alias).append(".channel = ?");
			params.add(channel);
		}
		if (members != null) {
			sql.append(" and ").append(alias).append(".customer_id = any(?::uuid[])");
			params.add(members.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")));
		}
		return sql.toString();
	}

	Map<String, String> echo() {
		Map<String, String> echo = new LinkedHashMap<>();
		if (store != null) {
			echo.put("store", store);
		}
		if (channel != null) {
			echo.put("channel", channel);
		}
		if (segmentId != null) {
			echo.put("segment_id", segmentId.toString());
		}
		return echo;
	}

	static List<Object> params(Object... values) {
		List<Object> params = new ArrayList<>();
		for (Object value : values) {
			params.add(value);
		}
		return params;
	}
}
