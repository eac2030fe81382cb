package io.atrium.customer;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class CustomerMergeIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Test
	void mergeThenUnmergeRestoresBothProfilesExactly() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String a = "MA" + tag;
		String b = "MB" + tag;
		create("""
				{"external_id": "%s", "first_name": "Ann", "city": "Shanghai", "email": "ann.%s@example.com",
				 "phone": "+8613800%s", "traits": {"shared": "from-a", "only_a": 1}, "consents": {"email": "granted"}}
				""".formatted(a, tag, tag.replaceAll("[^0-9]", "1").substring(0, 5)));
		create("""
				{"external_id": "%s", "last_name": "Bee", "gender": "female", "member_card": "CARD-%s",
				 "traits": {"shared": "from-b", "only_b": true}, "consents": {"sms": "withdrawn"}}
				""".formatted(b, tag));
		String touchpoint = body(mvc.perform(post("/api/journey/touchpoints/track").with(user("m").roles("MARKETER"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customer_id\": \"" + a + "\", \"touchpoint_type\": \"store_visit\"}"))
			.andExpect(status().isCreated())).get("touchpoint_id").stringValue();
		JsonNode beforeA = profile(a);
		JsonNode beforeB = profile(b);

		mvc.perform(post("/api/customers/merge").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"source\": \"" + a + "\", \"target\": \"" + b + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.source.status").value("merged"))
			.andExpect(jsonPath("$.target.first_name").value("Ann"))
			.andExpect(jsonPath("$.target.last_name").value("Bee"))
			.andExpect(jsonPath("$.target.email").value("ann." + tag + "@example.com"))
			.andExpect(jsonPath("$.target.traits.shared").value("from-b"))
			.andExpect(jsonPath("$.target.traits.only_a").value(1));
		assertThat(audited("customer.merge", a)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> ownerOf(touchpoint).equals(b));

		mvc.perform(post("/api/customers/{id}/unmerge", a).with(user("m").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.source.status").value("active"))
			.andExpect(jsonPath("$.target.customer_id").value(b));

		assertThat(profile(a)).isEqualTo(beforeA);
		assertThat(profile(b)).isEqualTo(beforeB);
		assertThat(audited("customer.unmerge", a)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> ownerOf(touchpoint).equals(a));
		mvc.perform(post("/api/customers/{id}/unmerge", a).with(user("m").roles("ADMIN")).with(csrf()))
			.andExpect(status().isConflict());
	}

	@Test
	void showsTheProfileWithSegmentsAndLastTouchpoints() throws Exception {
		String id = "PR" + UUID.randomUUID().toString().substring(0, 8);
		create("{\"external_id\": \"" + id + "\", \"city\": \"Hangzhou\"}");
		mvc.perform(post("/api/journey/touchpoints/track").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customer_id\": \"" + id + "\", \"touchpoint_type\": \"purchase\", \"metadata\": {\"amount\": 88}}"))
			.andExpect(status().isCreated());
		mvc.perform(get("/api/customers/{id}/profile", id).with(user("v").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.customer.customer_id").value(id))
			.andExpect(jsonPath("$.customer.city").value("Hangzhou"))
			.andExpect(jsonPath("$.segments").isArray())
			.andExpect(jsonPath("$.last_touchpoints[0].touchpoint_type").value("purchase"));
	}

	JsonNode profile(String externalId) throws Exception {
		ObjectNode profile = (ObjectNode) body(mvc.perform(get("/api/customers/{id}", externalId)
			.with(user("v").roles("VIEWER"))).andExpect(status().isOk()));
		profile.remove("version");
		profile.remove("updated_at");
		return profile;
	}

	void create(String body) throws Exception {
		mvc.perform(post("/api/customers").with(user("m").roles("MARKETER")).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isCreated());
	}

	long audited(String action, String externalId) {
		return jdbc.sql("select count(*) from audit_event where action = :action and target = :target")
			.param("action", action)
			.param("target", "customer:" + externalId)
			.query(Long.class)
			.single();
	}

	String ownerOf(String touchpoint) {
		return jdbc.sql("select c.external_id from touchpoint t join customer c on c.id = t.customer_id where t.id = :id")
			.param("id", UUID.fromString(touchpoint))
			.query(String.class)
			.single();
	}

	JsonNode body(ResultActions result) throws Exception {
		return json.readTree(result.andReturn().getResponse().getContentAsString());
	}
}
