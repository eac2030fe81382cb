package io.atrium.tracking;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Maps the names of Segment {@code track} events to touchpoint types. Names are compared after
 * normalisation (lower case, letters and digits only), so {@code "Order Completed"}, {@code "order_completed"}
 * and {@code "orderCompleted"} are one name. The built-in table follows Segment's semantic event specs
 * (e-commerce, email, mobile) plus the mall's own names; {@code atrium.tracking.segment-events} adds to it
 * and overrides it. A name that maps to nothing is stored as {@code custom_event}.
 */
@Component
class SegmentEventNames {

	private static final Map<String, String> BUILT_IN = Map.ofEntries(
			Map.entry("storevisit", "store_visit"), Map.entry("storevisited", "store_visit"),
			Map.entry("storeentered", "store_visit"), Map.entry("storecheckin", "store_visit"),
			Map.entry("purchase", "purchase"), Map.entry("purchased", "purchase"),
			Map.entry("ordercompleted", "purchase"), Map.entry("orderplaced", "purchase"),
			Map.entry("checkoutcompleted", "purchase"),
			Map.entry("emailopen", "email_open"), Map.entry("emailopened", "email_open"),
			Map.entry("emailclick", "email_click"), Map.entry("emailclicked", "email_click"),
			Map.entry("emaillinkclicked", "email_click"),
			Map.entry("smsclick", "sms_click"), Map.entry("smsclicked", "sms_click"),
			Map.entry("smslinkclicked", "sms_click"),
			Map.entry("pushopen", "push_open"), Map.entry("pushopened", "push_open"),
			Map.entry("pushnotificationopened", "push_open"),
			Map.entry("appsession", "app_session"), Map.entry("applicationopened", "app_session"),
			Map.entry("appopened", "app_session"),
			Map.entry("review", "review"), Map.entry("reviewsubmitted", "review"),
			Map.entry("productreviewed", "review"),
			Map.entry("wifilogin", "wifi_login"), Map.entry("wifiloggedin", "wifi_login"),
			Map.entry("wificonnected", "wifi_login"),
			Map.entry("parking", "parking"), Map.entry("parkingentered", "parking"),
			Map.entry("parkingstarted", "parking"), Map.entry("parkingpaid", "parking"),
			Map.entry("websitevisit", "website_visit"), Map.entry("pageviewed", "website_visit"));

	private final Map<String, String> table;

	SegmentEventNames(TrackingSettings settings) {
		Map<String, String> names = new HashMap<>(BUILT_IN);
		settings.segmentEvents().forEach((name, type) -> {
			if (!TouchpointTypes.accepts(type)) {
				throw new IllegalStateException("atrium.tracking.segment-events maps '" + name
						+ "' to unknown touchpoint type '" + type + "'; allowed: " + TouchpointTypes.accepted());
			}
			names.put(normalize(name), type);
		});
		this.table = Map.copyOf(names);
	}

	/**
	 * @param event a Segment event name, e.g. {@code Order Completed}
	 * @return the touchpoint type, or empty when the name is not mapped
	 */
	Optional<String> typeOf(String event) {
		return Optional.ofNullable(table.get(normalize(event)));
	}

	static String normalize(String name) {
		StringBuilder normalized = new StringBuilder(name.length());
		name.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(normalized::appendCodePoint);
		return normalized.toString();
	}
}
