package io.atrium.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Narrows customer insights to one store and/or one channel.
 *
 * @param store a store id, or {@code null} for all
 * @param channel a channel, or {@code null} for all
 */
public record InsightsFilter(String store, String channel) {

	/** No filter: the whole mall. */
	public static final InsightsFilter NONE = new InsightsFilter(null, null);

	/** @return whether nothing narrows the report (the summaries serve it) */
	boolean wholeMall() {
		return store == null && channel == null;
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
