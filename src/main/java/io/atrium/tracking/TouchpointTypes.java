package io.atrium.tracking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The allow-list of touchpoint types a client may send, the channel each one defaults to, and the
 * channels there are.
 */
final class TouchpointTypes {

	/** Segment {@code track} events whose name maps to no type; the name is kept as {@code metadata.event}. */
	static final String CUSTOM_EVENT = "custom_event";

	/** Segment {@code group} calls. */
	static final String GROUP = "group";

	static final String PURCHASE = "purchase";

	static final String REVIEW = "review";

	private static final Map<String, String> DEFAULT_CHANNEL = new LinkedHashMap<>();

	static {
		DEFAULT_CHANNEL.put("website_visit", "web");
		DEFAULT_CHANNEL.put("store_visit", "store");
		DEFAULT_CHANNEL.put("email_open", "email");
		DEFAULT_CHANNEL.put("email_click", "email");
		DEFAULT_CHANNEL.put("sms_click", "sms");
		DEFAULT_CHANNEL.put("push_open", "push");
		DEFAULT_CHANNEL.put("app_session", "app");
		DEFAULT_CHANNEL.put(PURCHASE, "store");
		DEFAULT_CHANNEL.put(REVIEW, "web");
		DEFAULT_CHANNEL.put("wifi_login", "mall");
		DEFAULT_CHANNEL.put("parking", "mall");
	}

	/** Channels a touchpoint may carry. */
	static final List<String> CHANNELS = List.of("web", "app", "store", "mall", "email", "sms", "push", "social",
			"call_center", "other");

	/** Types that only ingestion produces (never accepted from the native API) but that can be read back. */
	static final Set<String> INGESTION_ONLY = Set.of(CUSTOM_EVENT, GROUP);

	private TouchpointTypes() {
	}

	/** @return the types the native API accepts, in a stable order */
	static List<String> accepted() {
		return List.copyOf(DEFAULT_CHANNEL.keySet());
	}

	static boolean accepts(String type) {
		return DEFAULT_CHANNEL.containsKey(type);
	}

	/** @return whether touchpoints of this type can exist (for read filters) */
	static boolean known(String type) {
		return accepts(type) || INGESTION_ONLY.contains(type);
	}

	/** @return the channel a type defaults to; {@code other} for ingestion-only types */
	static String defaultChannel(String type) {
		return DEFAULT_CHANNEL.getOrDefault(type, "other");
	}

	static boolean channel(String channel) {
		return CHANNELS.contains(channel);
	}
}
