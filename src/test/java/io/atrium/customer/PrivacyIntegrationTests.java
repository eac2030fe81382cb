package io.atrium.customer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class PrivacyIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PiiProtection pii;

	@Autowired
	Tombstones tombstones;

	@Autowired
	io.atrium.access.WriteKeys writeKeys;

	@Test
	void exportsEverythingThenErasesThePersonEverywhereAndRefusesTheirEmailAgain() throws Exception {
		String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String digits = tag.replaceAll("[^0-9]", "7");
		String id = "GDPR" + tag;
		String first = "Qzyrina" + tag;
		String last = "Vexholm" + tag;
		String email = "erase." + tag + "@example.com";
		String phone = "+86139" + digits.substring(0, 8);
		mvc.perform(post("/api/customers").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"external_id": "%s", "first_name": "%s", "last_name": "%s", "email": "%s", "phone": "%s",
					 "birth_date": "1990-02-03", "city": "Shanghai", "traits": {"nickname": "%s"},
					 "consents": {"email": "granted"}}
					""".formatted(id, first, last, email, phone, first)))
			.andExpect(status().isCreated());
		mvc.perform(post("/api/journey/touchpoints/track").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"customer_id": "%s", "touchpoint_type": "review",
					 "metadata": {"rating": 5, "review_text": "%s %s loved the noodles", "location": "L3 near %s"}}
					""".formatted(id, first, last, last)))
			.andExpect(status().isCreated());
		mvc.perform(post("/api/customers/{id}/consents", id).with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\": \"sms\", \"status\": \"granted\"}"))
			.andExpect(status().is2xxSuccessful());
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
			.sql("select count(*) from segment_profile p join customer c on c.id = p.customer_id where c.external_id = :id "
					+ "and p.traits ->> 'nickname' = :first")
			.param("id", id).param("first", first).query(Long.class).single() == 1);

		UUID person = jdbc.sql("select id from customer where external_id = :id").param("id", id).query(UUID.class).single();
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
			.sql("select count(*) from score_ledger where customer_id = :c").param("c", person).query(Long.class).single() > 0);
		UUID message = UUID.randomUUID();
		jdbc.sql("""
				insert into message (id, idempotency_key, customer_id, channel, template_id, subject, status, reason,
				    created_at, sent_at)
				values (:id, :key, :customer, 'email', 'welcome', :subject, 'sent', null, now(), now())
				""").param("id", message).param("key", "privacy-test:" + tag).param("customer", person)
			.param("subject", "Welcome to SBM, " + first + " " + last + "!").update();
		jdbc.sql("insert into message_link (token, message_id, kind, url) values (:token, :message, 'click', :url)")
			.param("token", "t" + tag).param("message", message)
			.param("url", "https://shop.example.com/welcome?who=" + email).update();

		JsonNode export = body(mvc.perform(post("/api/privacy/export/{id}", id).with(user("a").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk()));
		assertThat(export.get("profile").get("email").stringValue()).isEqualTo(email);
		assertThat(export.get("profile").get("first_name").stringValue()).isEqualTo(first);
		assertThat(export.get("consents").values()).hasSize(2);
		assertThat(export.get("touchpoints").values()).singleElement()
			.satisfies(touchpoint -> assertThat(touchpoint.get("metadata").stringValue()).contains("loved the noodles"));
		assertThat(export.get("segment_memberships").isArray()).isTrue();
		assertThat(export.get("scores").get("current").get("composite").isNumber()).isTrue();
		assertThat(export.get("scores").get("ledger").values()).isNotEmpty()
			.allSatisfy(row -> assertThat(row.get("cause").stringValue()).isNotBlank());
		assertThat(export.get("messages").values()).singleElement().satisfies(sent -> {
			assertThat(sent.get("subject").stringValue()).contains(first);
			assertThat(sent.get("links").get(0).stringValue()).contains(email);
		});
		assertThat(export.get("audit").values()).extracting(row -> row.get("target").stringValue())
			.contains("/api/customers/" + id + "/consents");
		assertThat(occurrences(first)).isNotEmpty();

		mvc.perform(post("/api/privacy/erase/{id}", id).with(user("a").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("completed"))
			.andExpect(jsonPath("$.tombstones").value(2));

		List<String> needles = List.of(first, last, email, phone, phone.substring(1));
		for (String needle : needles) {
			assertThat(occurrences(needle)).as("columns still holding %s", needle).isEmpty();
		}
		for (byte[] lookup : List.of(pii.blindIndex("email", email), pii.blindIndex("phone", phone))) {
			assertThat(byteOccurrences(lookup)).as("columns still holding a blind index").isEmpty();
		}
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
			.until(() -> occurrences(first).isEmpty() && occurrences(last).isEmpty());

		assertThat(tombstones.isErased(email)).isTrue();
		assertThat(tombstones.isErased(" ERASE." + tag.toUpperCase() + "@example.com ")).isTrue();
		assertThat(tombstones.isErased(phone)).isTrue();
		assertThat(tombstones.isErased("someone.else." + tag + "@example.com")).isFalse();
		mvc.perform(post("/api/customers").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"external_id\": \"AGAIN" + tag + "\", \"email\": \"" + email + "\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.containsString("person-erased")));
		assertThat(jdbc.sql("select count(*) from customer where external_id = :id").param("id", "AGAIN" + tag)
			.query(Long.class).single()).isZero();
	}

	@Test
	void refusesAnErasedEmailOrPhoneArrivingByPatchOrIdentifyAndChangesNothing() throws Exception {
		String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String email = "gone." + tag + "@example.com";
		String phone = "+86138" + tag.replaceAll("[^0-9]", "5").substring(0, 8);
		create("GONE" + tag, "{\"email\": \"" + email + "\", \"phone\": \"" + phone + "\"}");
		mvc.perform(post("/api/privacy/erase/{id}", "GONE" + tag).with(user("a").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk());
		String other = "KEEP" + tag;
		create(other, "{\"first_name\": \"Keep\", \"email\": \"keep." + tag + "@example.com\"}");
		String before = profile(other);

		for (String patch : List.of("{\"email\": \"" + email.toUpperCase() + "\", \"first_name\": \"Changed\"}",
				"{\"phone\": \"" + phone + "\"}")) {
			mvc.perform(patch("/api/customers/{id}", other).with(user("m").roles("MARKETER")).with(csrf())
				.contentType("application/merge-patch+json")
				.content(patch))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.containsString("person-erased")))
				.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("erased")));
		}
		assertThat(profile(other)).isEqualTo(before);

		String key = writeKeys.create("privacy-" + tag, "test").writeKey();
		String user = "IDN" + tag;
		mvc.perform(post("/v1/identify").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"writeKey": "%s", "userId": "%s", "anonymousId": "anon-%s",
					 "traits": {"email": "%s", "firstName": "Back"}}
					""".formatted(key, user, tag, email)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.containsString("person-erased")));
		mvc.perform(post("/v1/identify").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"writeKey": "%s", "userId": "%s", "traits": {"phone": "%s"}}
					""".formatted(key, other, phone)))
			.andExpect(status().isConflict());
		assertThat(jdbc.sql("select count(*) from customer where external_id = :id").param("id", user)
			.query(Long.class).single()).as("no profile created").isZero();
		assertThat(profile(other)).isEqualTo(before);

		mvc.perform(post("/v1/identify").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"writeKey": "%s", "userId": "%s", "traits": {"email": "fresh.%s@example.com"}}
					""".formatted(key, user, tag)))
			.andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from customer where external_id = :id").param("id", user)
			.query(Long.class).single()).as("identify without an erased email still works").isOne();
	}

	void create(String externalId, String fields) throws Exception {
		var body = (tools.jackson.databind.node.ObjectNode) json.readTree(fields);
		body.put("external_id", externalId);
		mvc.perform(post("/api/customers").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body.toString()))
			.andExpect(status().isCreated());
	}

	String profile(String externalId) throws Exception {
		return mvc.perform(get("/api/customers/{id}", externalId).with(user("m").roles("MARKETER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** @return "table.column" of every text, json or array column holding {@code needle} */
	List<String> occurrences(String needle) {
		List<String> found = new ArrayList<>();
		for (String[] column : columns("'text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY'")) {
			long hits = jdbc.sql("select count(*) from \"" + column[0] + "\" where \"" + column[1]
					+ "\"::text ilike '%' || :needle || '%'").param("needle", needle).query(Long.class).single();
			if (hits > 0) {
				found.add(column[0] + "." + column[1]);
			}
		}
		return found;
	}

	List<String> byteOccurrences(byte[] needle) {
		List<String> found = new ArrayList<>();
		for (String[] column : columns("'bytea'")) {
			long hits = jdbc.sql("select count(*) from \"" + column[0] + "\" where position(:needle in \"" + column[1]
					+ "\") > 0").param("needle", needle).query(Long.class).single();
			if (hits > 0) {
				found.add(column[0] + "." + column[1]);
			}
		}
		return found;
	}

	List<String[]> columns(String types) {
		return jdbc.sql("""
				select c.table_name, c.column_name from information_schema.columns c
				join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
				where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.data_type in (%s)
				""".formatted(types)).query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).list();
	}

	JsonNode body(ResultActions result) throws Exception {
		return json.readTree(result.andReturn().getResponse().getContentAsString());
	}
}
