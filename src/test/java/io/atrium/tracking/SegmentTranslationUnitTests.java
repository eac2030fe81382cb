package io.atrium.tracking;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentTranslationUnitTests {

	static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");

	final JsonMapper json = JsonMapper.builder().build();

	final TrackingSettings settings = new TrackingSettings(null, null, null, null,
			Map.of("CouponRedeemed", "purchase"));

	final SegmentTranslation translation = new SegmentTranslation(new SegmentEventNames(settings),
			new TouchpointValidation(json, Clock.fixed(NOW, ZoneId.of("Asia/Shanghai")), settings), json);

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "Store Visit|store_visit", "store_visit|store_visit",
			"Email Opened|email_open", "Email Link Clicked|email_click", "Push Notification Opened|push_open",
			"Application Opened|app_session", "WiFi Login|wifi_login", "Parking Entered|parking",
			"SMS Link Clicked|sms_click", "Coupon Redeemed|custom_event", "Gift Wrapped|custom_event" })
	void mapsEventNamesCaseAndPunctuationInsensitively(String event, String type) {
		assertThat(draft("{\"userId\": \"U1\", \"event\": \"" + event + "\"}", "track").type()).isEqualTo(type);
	}

	@Test
	void mapsOrderCompletedWithRevenueToAPurchase() {
		TouchpointDraft draft = draft("""
				{"userId": "U1", "event": "Order Completed", "messageId": "m-1",
				 "properties": {"revenue": "358.5", "store": "S-9", "campaign_id": "BF"}}
				""", "track");

		assertThat(draft.type()).isEqualTo("purchase");
		assertThat(draft.channel()).isEqualTo("store");
		assertThat(draft.amount()).isEqualByComparingTo("358.50");
		assertThat(draft.currency()).isEqualTo("CNY");
		assertThat(draft.storeId()).isEqualTo("S-9");
		assertThat(draft.campaignId()).isEqualTo("BF");
		assertThat(draft.messageId()).isEqualTo("m-1");
		assertThat(draft.externalId()).isEqualTo("U1");
	}

	@Test
	void keepsAPurchaseWithoutAmountOrAReviewWithoutRatingAsCustomEvent() {
		TouchpointDraft purchase = draft("{\"userId\": \"U1\", \"event\": \"Order Completed\", "
				+ "\"properties\": {\"revenue\": \"lots\"}}", "track");
		assertThat(purchase.type()).isEqualTo("custom_event");
		assertThat(purchase.amount()).isNull();
		assertThat(metadata(purchase).get("event").stringValue()).isEqualTo("Order Completed");
		assertThat(metadata(purchase).get("revenue").stringValue()).isEqualTo("lots");

		assertThat(draft("{\"userId\": \"U1\", \"event\": \"Review Submitted\"}", "track").type())
			.isEqualTo("custom_event");
		assertThat(draft("{\"userId\": \"U1\", \"event\": \"Review Submitted\", \"properties\": {\"rating\": 5}}",
				"track").rating()).isEqualTo(5);
	}

	@Test
	void appliesConfiguredEventNames() {
		TouchpointDraft draft = draft("{\"userId\": \"U1\", \"event\": \"coupon redeemed\", "
				+ "\"properties\": {\"total\": 20}}", "track");

		assertThat(draft.type()).isEqualTo("purchase");
		assertThat(draft.amount()).isEqualByComparingTo("20");
	}

	@Test
	void turnsPagesIntoWebsiteVisitsAndScreensIntoAppSessions() {
		TouchpointDraft page = draft("""
				{"anonymousId": "a-1", "name": "Home", "properties": {"url": "https://sbm.example/"},
				 "context": {"page": {"path": "/"}, "ip": "203.0.113.9", "userAgent": "Mozilla",
				             "campaign": {"name": "SUMMER2024", "source": "wechat"}}}
				""", "page");
		assertThat(page.type()).isEqualTo("website_visit");
		assertThat(page.channel()).isEqualTo("web");
		assertThat(page.externalId()).isNull();
		assertThat(page.campaignId()).isEqualTo("SUMMER2024");
		JsonNode metadata = metadata(page);
		assertThat(metadata.get("name").stringValue()).isEqualTo("Home");
		assertThat(metadata.get("context").propertyNames()).containsExactlyInAnyOrder("page", "campaign");

		TouchpointDraft screen = draft("{\"userId\": \"U1\", \"name\": \"Map\"}", "screen");
		assertThat(screen.type()).isEqualTo("app_session");
		assertThat(screen.channel()).isEqualTo("app");
	}

	@Test
	void readsTimestampsWithCompactOffsetsAndCorrectsDeviceClocks() {
		assertThat(draft("{\"userId\": \"U1\", \"event\": \"x\", \"timestamp\": \"2026-11-20T10:00:00.123+0800\"}",
				"track").occurredAt()).isEqualTo(Instant.parse("2026-11-20T02:00:00.123Z"));
		assertThat(draft("{\"userId\": \"U1\", \"event\": \"x\", \"originalTimestamp\": \"2030-01-01T00:00:00Z\", "
				+ "\"sentAt\": \"2030-01-01T00:00:10Z\"}", "track").occurredAt()).isEqualTo(NOW.minusSeconds(10));
		assertThat(draft("{\"userId\": \"U1\", \"event\": \"x\"}", "track").occurredAt()).isEqualTo(NOW);
		assertThat(errors("{\"userId\": \"U1\", \"event\": \"x\", \"timestamp\": \"2031-01-01T00:00:00Z\"}", "track"))
			.containsExactly("timestamp");
	}

	@Test
	void translatesIdentifyAndAlias() {
		var identify = translation.translate(json.readTree("""
				{"userId": "U1", "anonymousId": "a-1", "traits": {"firstName": "Mei", "vip": true}}
				"""), "identify", null);
		assertThat(identify.kind()).isEqualTo(SegmentTranslation.Kind.IDENTIFY);
		assertThat(identify.traits()).containsEntry("firstName", "Mei").containsEntry("vip", true);
		assertThat(identify.anonymousId()).isEqualTo("a-1");

		var alias = translation.translate(json.readTree("{\"previousId\": \"a-1\", \"userId\": \"U1\"}"), "alias", null);
		assertThat(alias.kind()).isEqualTo(SegmentTranslation.Kind.ALIAS);
		assertThat(alias.previousId()).isEqualTo("a-1");
		assertThat(errors("{\"userId\": \"U1\"}", "alias")).containsExactly("previousId");
	}

	@Test
	void refusesMessagesWithoutIdsEventOrKnownType() {
		assertThat(errors("{\"event\": \"x\"}", "track")).containsExactly("userId");
		assertThat(errors("{\"userId\": \"U1\"}", "track")).containsExactly("event");
		assertThat(errors("{\"userId\": \"U1\"}", "group")).containsExactly("groupId");
		assertThat(errors("{\"userId\": \"U1\", \"event\": \"x\", \"properties\": [1]}", "track"))
			.containsExactly("properties");
		assertThat(errors("{\"userId\": \"U1\", \"type\": \"teleport\"}", null)).containsExactly("type");
		assertThat(errors("{\"userId\": {\"a\": 1}, \"event\": \"x\"}", "track")).containsExactly("userId");
		assertThat(draft("{\"userId\": 42, \"type\": \"Track\", \"event\": \"x\"}", null).externalId()).isEqualTo("42");
	}

	@Test
	void storesGroupsWithTheirTraits() {
		TouchpointDraft group = draft("{\"userId\": \"U1\", \"groupId\": \"vip\", \"traits\": {\"tier\": \"gold\"}, "
				+ "\"context\": {\"app\": {\"name\": \"SBM\"}}}", "group");

		assertThat(group.type()).isEqualTo("group");
		assertThat(group.channel()).isEqualTo("app");
		assertThat(metadata(group).get("group_id").stringValue()).isEqualTo("vip");
		assertThat(metadata(group).get("traits").get("tier").stringValue()).isEqualTo("gold");
	}

	private TouchpointDraft draft(String message, String type) {
		var translated = translation.translate(json.readTree(message), type, null);
		assertThat(translated.errors()).isEmpty();
		return translated.draft();
	}

	private java.util.List<String> errors(String message, String type) {
		return translation.translate(json.readTree(message), type, null)
			.errors()
			.stream()
			.map(io.atrium.shared.Problem.FieldError::field)
			.toList();
	}

	private JsonNode metadata(TouchpointDraft draft) {
		return json.readTree(draft.metadataJson());
	}
}
