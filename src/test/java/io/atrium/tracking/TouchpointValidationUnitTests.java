package io.atrium.tracking;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import io.atrium.shared.Problem.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TouchpointValidationUnitTests {

	static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");

	final JsonMapper json = JsonMapper.builder().build();

	final TouchpointValidation validation = new TouchpointValidation(json,
			Clock.fixed(NOW, ZoneId.of("Asia/Shanghai")), TrackingSettings.defaults());

	@Test
	void acceptsTheBriefsExampleAndExtractsTypedColumns() {
		TouchpointDraft draft = valid("""
				{"customer_id": "CUST001", "touchpoint_type": "store_visit",
				 "metadata": {"location": "Main Hall", "duration_seconds": 1800, "campaign_id": "SUMMER2024"}}
				""");

		assertThat(draft.externalId()).isEqualTo("CUST001");
		assertThat(draft.channel()).isEqualTo("store");
		assertThat(draft.occurredAt()).isEqualTo(NOW);
		assertThat(draft.location()).isEqualTo("Main Hall");
		assertThat(draft.durationSeconds()).isEqualTo(1800);
		assertThat(draft.campaignId()).isEqualTo("SUMMER2024");
		assertThat(json.readTree(draft.metadataJson()).get("location").stringValue()).isEqualTo("Main Hall");
	}

	@ParameterizedTest
	@CsvSource({ "website_visit,web", "store_visit,store", "email_open,email", "email_click,email", "sms_click,sms",
			"push_open,push", "app_session,app", "wifi_login,mall", "parking,mall" })
	void derivesTheChannelFromTheType(String type, String channel) {
		assertThat(valid("{\"customer_id\": \"C1\", \"touchpoint_type\": \"" + type + "\"}").channel())
			.isEqualTo(channel);
	}

	@Test
	void keepsAGivenChannelAndRefusesAnUnknownOne() {
		assertThat(valid("{\"customer_id\": \"C1\", \"touchpoint_type\": \"review\", \"channel\": \"app\", "
				+ "\"metadata\": {\"rating\": 5}}").channel()).isEqualTo("app");
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"review\", \"channel\": \"fax\", "
				+ "\"metadata\": {\"rating\": 5}}")).containsExactly("channel");
	}

	@Test
	void namesTheAllowedTypesForAnUnknownType() {
		var checked = validation.check(json.readTree("{\"customer_id\": \"C1\", \"touchpoint_type\": \"Store Visit\"}"));

		assertThat(checked.errors()).singleElement().satisfies(error -> {
			assertThat(error.field()).isEqualTo("touchpoint_type");
			assertThat(error.message()).contains("website_visit", "store_visit", "purchase", "review", "parking");
		});
	}

	@Test
	void requiresAPositiveAmountWithAtMostTwoDecimalsForAPurchase() {
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"purchase\"}"))
			.containsExactly("metadata.amount");
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"purchase\", \"metadata\": {\"amount\": 0}}"))
			.containsExactly("metadata.amount");
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"purchase\", \"metadata\": {\"amount\": 1.005}}"))
			.containsExactly("metadata.amount");
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"purchase\", \"metadata\": {\"amount\": \"12\"}}"))
			.containsExactly("metadata.amount");
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"purchase\", "
				+ "\"metadata\": {\"amount\": 1000000000000}}")).containsExactly("metadata.amount");
	}

	@Test
	void defaultsTheCurrencyToYuanAndNormalisesGivenCodes() {
		TouchpointDraft yuan = valid("{\"customer_id\": \"C1\", \"touchpoint_type\": \"purchase\", "
				+ "\"metadata\": {\"amount\": 0.1, \"store\": \"S-1\"}}");
		assertThat(yuan.amount()).isEqualByComparingTo("0.10");
		assertThat(yuan.currency()).isEqualTo("CNY");
		assertThat(yuan.storeId()).isEqualTo("S-1");
		assertThat(valid("{\"customer_id\": \"C1\", \"touchpoint_type\": \"purchase\", "
				+ "\"metadata\": {\"amount\": 5, \"currency\": \"usd\"}}").currency()).isEqualTo("USD");
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"purchase\", "
				+ "\"metadata\": {\"amount\": 5, \"currency\": \"ABC\"}}")).containsExactly("metadata.currency");
	}

	@Test
	void requiresARatingFromOneToFiveForAReview() {
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"review\"}")).containsExactly("metadata.rating");
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"review\", \"metadata\": {\"rating\": 6}}"))
			.containsExactly("metadata.rating");
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"review\", \"metadata\": {\"rating\": 4.5}}"))
			.containsExactly("metadata.rating");
		assertThat(valid("{\"customer_id\": \"C1\", \"touchpoint_type\": \"review\", "
				+ "\"metadata\": {\"rating\": 1, \"text\": \"slow lifts\"}}").rating()).isEqualTo(1);
	}

	@Test
	void acceptsTimesFromTheYear2000UpToOneDayAhead() {
		assertThat(valid(at("2026-11-25T10:00:00+08:00")).occurredAt()).isEqualTo(Instant.parse("2026-11-25T02:00:00Z"));
		assertThat(valid(at("2000-01-01T00:00:00Z")).occurredAt()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
		assertThat(fields(at("2026-11-25T10:00:01+08:00"))).containsExactly("occurred_at");
		assertThat(fields(at("1999-12-31T23:59:59Z"))).containsExactly("occurred_at");
		assertThat(fields(at("2026-11-24T10:00:00"))).containsExactly("occurred_at");
		assertThat(fields(at("yesterday"))).containsExactly("occurred_at");
	}

	@Test
	void refusesMetadataThatIsNotAnObjectTooDeepTooLargeOrHoldsNul() {
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"parking\", \"metadata\": [1]}"))
			.containsExactly("metadata");
		assertThat(valid("{\"customer_id\": \"C1\", \"touchpoint_type\": \"parking\", "
				+ "\"metadata\": {\"a\": {\"b\": {\"c\": {\"d\": [1]}}}}}")).isNotNull();
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"parking\", "
				+ "\"metadata\": {\"a\": {\"b\": {\"c\": {\"d\": {\"e\": [1]}}}}}}")).containsExactly("metadata");
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"parking\", \"metadata\": {\"n\": \""
				+ "好".repeat(6000) + "\"}}")).containsExactly("metadata");
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"parking\", "
				+ "\"metadata\": {\"n\": \"a\\u0000b\"}}")).containsExactly("metadata");
	}

	@Test
	void refusesWrongTypesOfKnownMetadataKeys() {
		assertThat(fields("{\"customer_id\": \"C1\", \"touchpoint_type\": \"store_visit\", \"metadata\": "
				+ "{\"location\": 3, \"duration_seconds\": -1, \"campaign_id\": {}, \"store\": true}}"))
			.containsExactlyInAnyOrder("metadata.location", "metadata.duration_seconds", "metadata.campaign_id",
					"metadata.store");
	}

	@Test
	void refusesMissingBlankOrForeignFields() {
		assertThat(fields("{}")).containsExactlyInAnyOrder("customer_id", "touchpoint_type");
		assertThat(fields("{\"customer_id\": \"  \", \"touchpoint_type\": \"parking\", \"occured_at\": \"x\"}"))
			.containsExactlyInAnyOrder("customer_id", "occured_at");
		assertThat(fields("{\"customer_id\": 17, \"touchpoint_type\": \"parking\"}")).containsExactly("customer_id");
		assertThat(fields("{\"customer_id\": \"" + "C".repeat(129) + "\", \"touchpoint_type\": \"parking\"}"))
			.containsExactly("customer_id");
		assertThat(fields("\"just a string\"")).containsExactly("touchpoint");
	}

	private static String at(String time) {
		return "{\"customer_id\": \"C1\", \"touchpoint_type\": \"app_session\", \"occurred_at\": \"" + time + "\"}";
	}

	private TouchpointDraft valid(String item) {
		var checked = validation.check(json.readTree(item));
		assertThat(checked.errors()).isEmpty();
		return checked.draft();
	}

	private java.util.List<String> fields(String item) {
		var checked = validation.check(json.readTree(item));
		assertThat(checked.draft()).isNull();
		return checked.errors().stream().map(FieldError::field).toList();
	}
}
