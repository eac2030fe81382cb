package io.atrium.tracking;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits and mappings of touchpoint ingestion.
 *
 * @param maxBatchSize most touchpoints per batch request (native and Segment); 1,000 by default
 * @param maxMetadataSize largest serialised {@code metadata} object; 16 KB by default
 * @param maxMetadataDepth deepest nesting of objects and arrays, counting {@code metadata} itself as 1; 5 by default
 * @param maxBodySize largest decompressed request body of the ingestion endpoints; 5 MB by default
 * @param segmentEvents extra Segment {@code track} event names mapped to touchpoint types, e.g.
 * {@code "Coupon Redeemed": purchase}; names are matched case- and punctuation-insensitively and override the
 * built-in table
 */
@ConfigurationProperties("atrium.tracking")
record TrackingSettings(Integer maxBatchSize, DataSize maxMetadataSize, Integer maxMetadataDepth,
		DataSize maxBodySize, Map<String, String> segmentEvents) {

	TrackingSettings {
		maxBatchSize = maxBatchSize == null ? 1000 : maxBatchSize;
		maxMetadataSize = maxMetadataSize == null ? DataSize.ofKilobytes(16) : maxMetadataSize;
		maxMetadataDepth = maxMetadataDepth == null ? 5 : maxMetadataDepth;
		maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(5) : maxBodySize;
		segmentEvents = segmentEvents == null ? Map.of() : Map.copyOf(segmentEvents);
	}

	static TrackingSettings defaults() {
		return new TrackingSettings(null, null, null, null, null);
	}
}
