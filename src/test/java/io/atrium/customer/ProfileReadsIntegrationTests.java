package io.atrium.customer;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The one-statement profile read behind the customer 360 returns exactly what the table-at-a-time reads return:
 * decrypted identities in order, the latest consent per channel, the survivor of a merged profile.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ProfileReadsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProfileReads reads;

	@Autowired
	Customers customers;

	@Autowired
	Identities identities;

	@Autowired
	ConsentLedger ledger;

	@Test
	void readsTheSameProfileAsTheTableAtATimeReads() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String full = "PR" + tag;
		String bare = "PB" + tag;
		String absorbed = "PA" + tag;
		call(post("/api/customers").content("""
				{"external_id": "%s", "first_name": "Lin", "email": "lin.%s@example.com", "phone": "+8613911%s",
				 "member_card": "MC-%s", "traits": {"tags": ["a", "b"], "visits": 3},
				 "consents": {"email": "granted", "sms": "granted"}}
				""".formatted(full, tag, digits(tag), tag)));
		call(post("/api/customers/{id}/consents", full).content("""
				{"channel": "email", "status": "withdrawn", "source": "unsubscribe_link"}
				"""));
		call(post("/api/customers/{id}/consents", full).content("""
				{"channel": "push", "status": "granted", "legal_basis": "contract"}
				"""));
		assertThat(reads.byExternalId(full).orElseThrow().consents().get("email").status()).isEqualTo("withdrawn");
		assertThat(reads.byExternalId(full)).contains(tableAtATime(full));
		call(post("/api/customers").content("{\"external_id\": \"" + bare + "\"}"));
		call(post("/api/customers").content("""
				{"external_id": "%s", "last_name": "Wu", "member_card": "MA-%s", "consents": {"email": "granted"}}
				""".formatted(absorbed, tag)));
		call(post("/api/customers/merge").content("{\"source\": \"" + absorbed + "\", \"target\": \"" + full + "\"}"));

		for (String externalId : List.of(full, bare, absorbed)) {
			CustomerProfile expected = tableAtATime(externalId);
			assertThat(reads.byExternalId(externalId)).as(externalId).contains(expected);
		}
		CustomerProfile merged = reads.byExternalId(full).orElseThrow();
		assertThat(merged.identities()).extracting(Identities.Identity::kind)
			.contains("email", "phone", "member_card");
		assertThat(merged.identities()).extracting(Identities.Identity::value).contains("lin." + tag + "@example.com");
		assertThat(merged.consents().keySet()).containsExactly("email", "push", "sms");
		assertThat(reads.byExternalId(absorbed).orElseThrow().mergedIntoExternalId()).isEqualTo(full);
		assertThat(reads.byExternalId("no-such-" + tag)).isEmpty();
	}

	private CustomerProfile tableAtATime(String externalId) {
		CustomerRow row = customers.findByExternalId(externalId).orElseThrow();
		Map<String, ConsentLedger.ConsentEntry> consents = ledger.current(row.id());
		String survivor = row.mergedInto() == null ? null
				: customers.find(row.mergedInto()).map(CustomerRow::externalId).orElseThrow();
		return new CustomerProfile(row, identities.of(row.id()), consents, survivor);
	}

	private void call(MockHttpServletRequestBuilder request) throws Exception {
		mvc.perform(request.with(user("profile-reads").roles("ADMIN"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON))
			.andExpect(status().is2xxSuccessful());
	}

	private static String digits(String tag) {
		return Integer.toString(Math.abs(tag.hashCode()) % 100_000 + 100_000).substring(1);
	}
}
