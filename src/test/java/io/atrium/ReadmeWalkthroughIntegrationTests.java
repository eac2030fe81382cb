package io.atrium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.atrium.testing.HttpApi;
import io.atrium.testing.HttpApi.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's "Try the API" walk, over HTTP: sign in, create a customer, track the brief's store visit,
 * read both back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReadmeWalkthroughIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void createsCustomerTracksTheBriefsStoreVisitAndReadsBothBack() {
		HttpApi api = new HttpApi(port);
		String token = api.adminToken();
		String customerId = "CUST" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

		Response created = api.post("/api/customers", token, Map.of("external_id", customerId, "first_name", "Li",
				"last_name", "Wei", "email", customerId.toLowerCase() + "@example.com", "phone", "+86 138 0000 0001"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);

		Response tracked = api.post("/api/journey/touchpoints/track", token,
				Map.of("customer_id", customerId, "touchpoint_type", "store_visit", "metadata",
						Map.of("location", "Main Hall", "duration_seconds", 1800, "campaign_id", "SUMMER2024")));
		assertThat(tracked.status()).as(tracked.body()).isEqualTo(201);

		Response customer = api.get("/api/customers/" + customerId, token);
		assertThat(customer.status()).isEqualTo(200);
		assertThat(customer.json().get("customer_id").asString()).isEqualTo(customerId);
		assertThat(customer.json().get("email").asString()).isEqualTo(customerId.toLowerCase() + "@example.com");

		Response touchpoints = api.get("/api/customers/" + customerId + "/touchpoints", token);
		assertThat(touchpoints.status()).isEqualTo(200);
		var first = touchpoints.json().get("items").get(0);
		assertThat(first.get("touchpoint_type").asString()).isEqualTo("store_visit");
		assertThat(first.get("metadata").get("location").asString()).isEqualTo("Main Hall");
		assertThat(first.get("metadata").get("campaign_id").asString()).isEqualTo("SUMMER2024");
	}
}
