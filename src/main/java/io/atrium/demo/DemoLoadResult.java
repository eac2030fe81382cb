package io.atrium.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a demo load did and how long each phase took.
 *
 * @param customers customers loaded
 * @param touchpoints touchpoints loaded
 * @param zones zones upserted
 * @param stores stores upserted
 * @param seed the mall's seed
 * @param customerMillis time to generate and load the customers
 * @param touchpointMillis time to generate and load the touchpoints
 */
public record DemoLoadResult(long customers, long touchpoints, int zones, int stores, long seed, long customerMillis,
		long touchpointMillis) {

	/** @return total load time in milliseconds */
	public long totalMillis() {
		return customerMillis + touchpointMillis;
	}

	Map<String, Object> asMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("customers", customers);
		map.put("touchpoints", touchpoints);
		map.put("zones", zones);
		map.put("stores", stores);
		map.put("seed", seed);
		map.put("customer_millis", customerMillis);
		map.put("touchpoint_millis", touchpointMillis);
		map.put("total_millis", totalMillis());
		return map;
	}
}
