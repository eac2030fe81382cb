package io.atrium.fuzz;

import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Builds syntactically valid JSON from fuzzer bytes, using the field names Atrium's endpoints know, so that
 * fuzzing reaches validation and business rules instead of stopping at the JSON parser.
 */
final class FuzzedJson {

	static final List<String> FIELDS = List.of("username", "password", "role", "name", "display_name", "enabled",
			"expires_in_days", "external_id", "customer_id", "first_name", "last_name", "email", "phone",
			"member_card", "device_id", "gender", "birth_date", "city", "member_tier", "member_since", "locale",
			"traits", "consents", "channel", "status", "source", "legal_basis", "occurred_at", "touchpoint_type",
			"metadata", "location", "duration_seconds", "campaign_id", "amount", "currency", "store", "rating",
			"text", "message_id", "touchpoints", "type", "userId", "anonymousId", "messageId", "timestamp", "event",
			"properties", "context", "previousId", "groupId", "batch", "writeKey", "customers", "seed");

	private FuzzedJson() {
	}

	static String object(FuzzedDataProvider data, int depth) {
		StringBuilder json = new StringBuilder("{");
		int fields = data.consumeInt(0, 6);
		for (int i = 0; i < fields; i++) {
			if (i > 0) {
				json.append(',');
			}
			String key = data.consumeBoolean() ? FIELDS.get(data.consumeInt(0, FIELDS.size() - 1))
					: data.consumeString(12);
			json.append(quote(key)).append(':').append(value(data, depth + 1));
		}
		return json.append('}').toString();
	}

	private static String value(FuzzedDataProvider data, int depth) {
		int kind = data.consumeInt(0, depth > 3 ? 6 : 8);
		switch (kind) {
			case 0:
				return "null";
			case 1:
				return Boolean.toString(data.consumeBoolean());
			case 2:
				return Integer.toString(data.consumeInt());
			case 3:
				return Double.toString(data.consumeRegularDouble());
			case 4:
				return "123456789012345678901234567890";
			case 5:
			case 6:
				return quote(data.consumeString(40));
			case 7: {
				StringBuilder array = new StringBuilder("[");
				int size = data.consumeInt(0, 4);
				for (int i = 0; i < size; i++) {
					if (i > 0) {
						array.append(',');
					}
					array.append(value(data, depth + 1));
				}
				return array.append(']').toString();
			}
			default:
				return object(data, depth + 1);
		}
	}

	private static String quote(String raw) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : raw.toCharArray()) {
			if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else if (c < 0x20) {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}
}
