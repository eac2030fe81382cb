package io.atrium.tracking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.atrium.customer.CustomersMerged;
import io.atrium.customer.IdentifyingCustomers;
import io.atrium.shared.CustomerId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class TrackingApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IdentifyingCustomers customers;

	@Autowired
	MallDirectory directory;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEvents events;

	@Test
	void tracksTheBriefsExampleAndReadsItBack() throws Exception {
		String customer = customerId();
		JsonNode tracked = body(track("""
				{"customer_id": "%s", "touchpoint_type": "store_visit",
				 "metadata": {"location": "Main Hall", "duration_seconds": 1800, "campaign_id": "SUMMER2024"}}
				""".formatted(customer)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.customer_id").value(customer))
			.andExpect(jsonPath("$.touchpoint_type").value("store_visit"))
			.andExpect(jsonPath("$.channel").value("store"))
			.andExpect(jsonPath("$.duplicate").value(false)));
		String id = tracked.get("touchpoint_id").stringValue();

		mvc.perform(get("/api/touchpoints/{id}", id).with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.customer_id").value(customer))
			.andExpect(jsonPath("$.location").value("Main Hall"))
			.andExpect(jsonPath("$.campaign_id").value("SUMMER2024"))
			.andExpect(jsonPath("$.duration_seconds").value(1800))
			.andExpect(jsonPath("$.source").value("api"))
			.andExpect(jsonPath("$.metadata.location").value("Main Hall"))
			.andExpect(jsonPath("$.metadata.duration_seconds").value(1800));
		mvc.perform(get("/api/customers/{id}/touchpoints", customer).with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.items[0].touchpoint_id").value(id));
		assertThat(events.stream(TouchpointRecorded.class)
			.filter(event -> event.touchpointId().toString().equals(id))
			.toList()).singleElement().satisfies(event -> {
				assertThat(event.touchpointType()).isEqualTo("store_visit");
				assertThat(event.campaignId()).isEqualTo("SUMMER2024");
				assertThat(event.customerId()).isEqualTo(customers.findByExternalId(customer).orElseThrow());
			});
	}

	@Test
	void storesPurchaseAmountWithDefaultCurrencyAndGivenTime() throws Exception {
		String customer = customerId();
		String id = body(track("""
				{"customer_id": "%s", "touchpoint_type": "purchase", "occurred_at": "2026-11-20T19:30:00+08:00",
				 "metadata": {"amount": 1288.5, "store": "S-0101"}}
				""".formatted(customer)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.occurred_at").value("2026-11-20T11:30:00Z"))).get("touchpoint_id").stringValue();

		mvc.perform(get("/api/touchpoints/{id}", id).with(user("viewer").roles("VIEWER")))
			.andExpect(jsonPath("$.amount").value(1288.5))
			.andExpect(jsonPath("$.currency").value("CNY"))
			.andExpect(jsonPath("$.store_id").value("S-0101"))
			.andExpect(jsonPath("$.channel").value("store"));
		assertThat(events.stream(TouchpointRecorded.class).filter(e -> e.touchpointId().toString().equals(id)))
			.singleElement()
			.satisfies(event -> assertThat(event.amount()).isEqualByComparingTo("1288.50"));
	}

	@Test
	void refusesAnUnknownTypeNamingTheFieldAndTheAllowedValuesAndStoresNothing() throws Exception {
		String customer = customerId();
		track("""
				{"customer_id": "%s", "touchpoint_type": "teleport"}
				""".formatted(customer)).andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("touchpoint_type"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("store_visit")));
		assertThat(customers.findByExternalId(customer)).isEmpty();
	}

	@Test
	void refusesBrokenRulesWithOneErrorPerField() throws Exception {
		track("""
				{"customer_id": "%s", "touchpoint_type": "purchase", "occurred_at": "2099-01-01T00:00:00Z",
				 "metadata": {"currency": "XXQ", "rating": 9}, "colour": "red"}
				""".formatted(customerId())).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("colour",
					"occurred_at", "metadata.currency", "metadata.rating", "metadata.amount")));
		track("""
				{"customer_id": "%s", "touchpoint_type": "review", "occurred_at": "1999-12-31T23:59:59Z"}
				""".formatted(customerId())).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.containsInAnyOrder("occurred_at", "metadata.rating")));
		track("""
				{"customer_id": "%s", "touchpoint_type": "store_visit", "occurred_at": "2026-11-20T10:00:00",
				 "metadata": {"a": {"b": {"c": {"d": {"e": {"f": 1}}}}}}}
				""".formatted(customerId())).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.containsInAnyOrder("occurred_at", "metadata")));
		track("""
				{"customer_id": "%s", "touchpoint_type": "store_visit", "metadata": {"big": "%s"}}
				""".formatted(customerId(), "x".repeat(17_000))).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("metadata"));
		track("[1, 2]").andExpect(status().isUnprocessableContent());
		track("{not json").andExpect(status().isBadRequest());
	}

	@Test
	void acknowledgesAReplayedMessageIdWithoutStoringItTwice() throws Exception {
		String customer = customerId();
		String messageId = "msg-" + UUID.randomUUID();
		String request = """
				{"customer_id": "%s", "touchpoint_type": "email_open", "message_id": "%s"}
				""".formatted(customer, messageId);
		String first = body(track(request).andExpect(status().isCreated())).get("touchpoint_id").stringValue();

		track(request).andExpect(status().isOk())
			.andExpect(jsonPath("$.duplicate").value(true))
			.andExpect(jsonPath("$.touchpoint_id").value(first))
			.andExpect(jsonPath("$.customer_id").value(customer))
			.andExpect(jsonPath("$.channel").value("email"));
		assertThat(jdbc.sql("select count(*) from touchpoint where message_id = ?").param(messageId)
			.query(Long.class).single()).isEqualTo(1);
		assertThat(events.stream(TouchpointRecorded.class).filter(e -> e.touchpointId().toString().equals(first)))
			.hasSize(1);
	}

	@Test
	void storesTheValidItemsOfABatchAndReportsEachItem() throws Exception {
		String customer = customerId();
		String messageId = "msg-" + UUID.randomUUID();
		JsonNode result = body(mvc.perform(post("/api/touchpoints/batch").with(user("m").roles("MARKETER"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"touchpoints": [
					  {"customer_id": "%1$s", "touchpoint_type": "website_visit", "message_id": "%2$s"},
					  {"customer_id": "%1$s", "touchpoint_type": "purchase", "metadata": {"amount": -3}},
					  {"customer_id": "%1$s", "touchpoint_type": "website_visit", "message_id": "%2$s"},
					  "not an object",
					  {"customer_id": "%1$s", "touchpoint_type": "review", "metadata": {"rating": 5, "text": "好"}}
					]}
					""".formatted(customer, messageId)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.accepted").value(2))
			.andExpect(jsonPath("$.duplicates").value(1))
			.andExpect(jsonPath("$.rejected").value(2))
			.andExpect(jsonPath("$.results[*].status").value(org.hamcrest.Matchers.contains("created", "rejected",
					"duplicate", "rejected", "created")))
			.andExpect(jsonPath("$.results[1].errors[0].field").value("metadata.amount")));

		assertThat(result.get("results").get(2).get("touchpoint_id"))
			.isEqualTo(result.get("results").get(0).get("touchpoint_id"));
		assertThat(jdbc.sql("select count(*) from touchpoint t join customer c on c.id = t.customer_id "
				+ "where c.external_id = ?").param(customer).query(Long.class).single()).isEqualTo(2);

		mvc.perform(post("/api/touchpoints/batch").with(user("m").roles("MARKETER"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"touchpoints": [{"customer_id": "%s", "touchpoint_type": "website_visit", "message_id": "%s"}]}
					""".formatted(customer, messageId)))
			.andExpect(jsonPath("$.accepted").value(0))
			.andExpect(jsonPath("$.duplicates").value(1))
			.andExpect(jsonPath("$.results[0].touchpoint_id").value(result.get("results").get(0).get("touchpoint_id").stringValue()));
	}

	@Test
	void refusesABatchOfMoreThanAThousandTouchpoints() throws Exception {
		String customer = customerId();
		String items = IntStream.range(0, 1001)
			.mapToObj(i -> "{\"customer_id\": \"" + customer + "\", \"touchpoint_type\": \"app_session\"}")
			.collect(Collectors.joining(","));
		mvc.perform(post("/api/touchpoints/batch").with(user("m").roles("ADMIN"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"touchpoints\": [" + items + "]}"))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("batch-too-large")));
		assertThat(customers.findByExternalId(customer)).isEmpty();
	}

	@Test
	void pagesACustomersTouchpointsNewestFirstWithFilters() throws Exception {
		String customer = customerId();
		for (String day : List.of("2026-11-01", "2026-11-02", "2026-11-03")) {
			track("""
					{"customer_id": "%s", "touchpoint_type": "%s", "occurred_at": "%sT12:00:00+08:00"}
					""".formatted(customer, day.endsWith("2") ? "sms_click" : "wifi_login", day))
				.andExpect(status().isCreated());
		}
		JsonNode first = body(mvc.perform(get("/api/customers/{id}/touchpoints", customer).param("limit", "2")
			.with(user("v").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].occurred_at")
				.value(org.hamcrest.Matchers.contains("2026-11-03T04:00:00Z", "2026-11-02T04:00:00Z"))));
		mvc.perform(get("/api/customers/{id}/touchpoints", customer).param("limit", "2")
			.param("cursor", first.get("next_cursor").stringValue())
			.with(user("v").roles("VIEWER")))
			.andExpect(jsonPath("$.items[*].occurred_at").value(org.hamcrest.Matchers.contains("2026-11-01T04:00:00Z")))
			.andExpect(jsonPath("$.next_cursor").doesNotExist());
		mvc.perform(get("/api/customers/{id}/touchpoints", customer).param("type", "wifi_login")
			.param("from", "2026-11-02")
			.param("to", "2026-11-03")
			.with(user("v").roles("VIEWER")))
			.andExpect(jsonPath("$.items[*].occurred_at").value(org.hamcrest.Matchers.contains("2026-11-03T04:00:00Z")))
			.andExpect(jsonPath("$.items[0].channel").value("mall"));
		mvc.perform(get("/api/customers/{id}/touchpoints", customer).param("type", "nope")
			.with(user("v").roles("VIEWER"))).andExpect(status().isUnprocessableContent());
		mvc.perform(get("/api/customers/{id}/touchpoints", "NOBODY-" + UUID.randomUUID())
			.with(user("v").roles("VIEWER"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/touchpoints/{id}", UUID.randomUUID()).with(user("v").roles("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("touchpoint-not-found")));
	}

	@Test
	void movesAMergedProfilesTouchpointsToTheSurvivor() throws Exception {
		String absorbed = customerId();
		String survivor = customerId();
		track("{\"customer_id\": \"" + absorbed + "\", \"touchpoint_type\": \"parking\"}").andExpect(status().isCreated());
		track("{\"customer_id\": \"" + survivor + "\", \"touchpoint_type\": \"parking\"}").andExpect(status().isCreated());
		CustomerId from = customers.findByExternalId(absorbed).orElseThrow();
		CustomerId to = customers.findByExternalId(survivor).orElseThrow();

		transactions.executeWithoutResult(tx -> publisher.publishEvent(new CustomersMerged(from, to)));

		await().untilAsserted(() -> assertThat(touchpointsOf(to)).isEqualTo(2));
		assertThat(touchpointsOf(from)).isZero();
	}

	@Test
	void sendsTouchpointsForAMergedAwayIdToTheSurvivor() throws Exception {
		String absorbed = customerId();
		String survivor = customerId();
		track("{\"customer_id\": \"" + absorbed + "\", \"touchpoint_type\": \"app_session\"}").andExpect(status().isCreated());
		track("{\"customer_id\": \"" + survivor + "\", \"touchpoint_type\": \"app_session\"}").andExpect(status().isCreated());
		CustomerId from = customers.findByExternalId(absorbed).orElseThrow();
		CustomerId to = customers.alias(absorbed, survivor, "test");
		await().untilAsserted(() -> assertThat(touchpointsOf(to)).isEqualTo(2));

		track("{\"customer_id\": \"" + absorbed + "\", \"touchpoint_type\": \"app_session\"}").andExpect(status().isCreated());

		assertThat(touchpointsOf(to)).isEqualTo(3);
		assertThat(touchpointsOf(from)).isZero();
	}

	private long touchpointsOf(CustomerId customer) {
		return jdbc.sql("select count(*) from touchpoint where customer_id = ?").param(customer.value())
			.query(Long.class).single();
	}

	@Test
	void listsStoresToAnyRole() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		directory.upsertZones(List.of(new Zone("Z-" + suffix, "North Hall", "L2", "hall")));
		directory.upsertStores(List.of(new Store("S-" + suffix, "Bookshop", "books-" + suffix, "L2", "Z-" + suffix,
				"2F-12")));

		mvc.perform(get("/api/stores").param("category", "books-" + suffix).with(user("v").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.items[0].zone_id").value("Z-" + suffix));
		mvc.perform(get("/api/stores").param("category", "books-" + suffix).param("floor", "L9")
			.with(user("v").roles("VIEWER"))).andExpect(jsonPath("$.items.length()").value(0));
	}

	private ResultActions track(String body) throws Exception {
		return mvc.perform(post("/api/journey/touchpoints/track").with(user("tester").roles("ADMIN"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	private JsonNode body(ResultActions result) throws Exception {
		return json.readTree(result.andReturn().getResponse().getContentAsString());
	}

	private static String customerId() {
		return "CUST-" + UUID.randomUUID().toString().substring(0, 13);
	}

	static Instant now() {
		return Instant.now();
	}
}
