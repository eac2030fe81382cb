package io.atrium.customer;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class CustomerApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	IdentifyingCustomers identifying;

	@Test
	void createsCustomerAndReadsItBack() throws Exception {
		String id = unique();
		String email = id.toLowerCase() + "@example.com";
		String phone = IdentifyingCustomersIntegrationTests.randomMobile();

		call(post("/api/customers").content("""
				{"external_id": "%s", "first_name": "Mei", "last_name": "Lin", "email": "%s", "phone": "%s",
				 "member_card": "MC-%s", "gender": "female", "birth_date": "1990-05-17", "city": "Shanghai",
				 "member_tier": "gold", "member_since": "2020-01-01", "locale": "zh-CN",
				 "traits": {"favourite_store": "Zara", "visits": 3, "vip": true, "tags": ["a", "b"]},
				 "consents": {"email": "granted", "sms": "withdrawn"}}
				""".formatted(id, email.toUpperCase(), phone, id)))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", endsWith("/api/customers/" + id)))
			.andExpect(jsonPath("$.customer_id").value(id))
			.andExpect(jsonPath("$.email").value(email));

		call(get("/api/customers/" + id)).andExpect(status().isOk())
			.andExpect(jsonPath("$.customer_id").value(id))
			.andExpect(jsonPath("$.status").value("active"))
			.andExpect(jsonPath("$.first_name").value("Mei"))
			.andExpect(jsonPath("$.email").value(email))
			.andExpect(jsonPath("$.phone").value("+86" + phone))
			.andExpect(jsonPath("$.identities[*].kind").value(containsInAnyOrder("email", "phone", "member_card")))
			.andExpect(jsonPath("$.birth_date").value("1990-05-17"))
			.andExpect(jsonPath("$.member_tier").value("gold"))
			.andExpect(jsonPath("$.traits.favourite_store").value("Zara"))
			.andExpect(jsonPath("$.traits.tags", hasSize(2)))
			.andExpect(jsonPath("$.consents.email.status").value("granted"))
			.andExpect(jsonPath("$.consents.email.legal_basis").value("consent"))
			.andExpect(jsonPath("$.consents.sms.status").value("withdrawn"))
			.andExpect(jsonPath("$.version").value(0))
			.andExpect(jsonPath("$.created_at").isString());
	}

	@Test
	void refusesDuplicateExternalIdAndChangesNothing() throws Exception {
		String id = unique();
		create(id, "{\"first_name\": \"First\"}");

		call(post("/api/customers").content("{\"external_id\": \"%s\", \"first_name\": \"Second\"}".formatted(id)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(endsWith("/duplicate-customer")));

		call(get("/api/customers/" + id)).andExpect(jsonPath("$.first_name").value("First"));
	}

	@Test
	void refusesAnEmailOrMemberCardHeldByAnotherCustomer() throws Exception {
		String owner = unique();
		String email = owner.toLowerCase() + "@example.com";
		create(owner, "{\"email\": \"%s\", \"member_card\": \"MC-%s\"}".formatted(email, owner));
		String other = unique();

		call(post("/api/customers").content("{\"external_id\": \"%s\", \"email\": \" %s \"}".formatted(other,
				email.toUpperCase())))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(endsWith("/identity-taken")))
			.andExpect(jsonPath("$.errors[0].field").value("email"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("@"))));
		call(get("/api/customers/" + other)).andExpect(status().isNotFound());

		create(other, "{}");
		call(patch("/api/customers/" + other).content("{\"member_card\": \"MC-%s\"}".formatted(owner)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.errors[0].field").value("member_card"));
	}

	@Test
	void refusesInvalidInputNamingEveryField() throws Exception {
		String id = unique();
		call(post("/api/customers").content("""
				{"external_id": "%s", "email": "not-an-email", "phone": "12ab", "gender": "robot",
				 "birth_date": "17/05/1990", "traits": {"Bad-Key": 1, "nested": {"a": 1}},
				 "consents": {"fax": "granted"}}
				""".formatted(id)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("email", "phone", "gender", "birth_date",
					"traits.Bad-Key", "traits.nested", "consents.fax")));
		call(post("/api/customers").content("{\"external_id\": \"bad id!\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("external_id"));

		call(get("/api/customers/" + id)).andExpect(status().isNotFound());
	}

	@Test
	void answersNotFoundForAnUnknownCustomer() throws Exception {
		call(get("/api/customers/NOPE-" + UUID.randomUUID())).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value(endsWith("/customer-not-found")))
			.andExpect(jsonPath("$.status").value(404));
		call(get("/api/customers/NOPE-" + UUID.randomUUID()).header("Accept-Language", "zh-CN"))
			.andExpect(jsonPath("$.detail").value("没有该 ID 的客户"));
		call(patch("/api/customers/NOPE-" + UUID.randomUUID()).content("{}")).andExpect(status().isNotFound());
		call(get("/api/customers/NOPE-" + UUID.randomUUID() + "/consents")).andExpect(status().isNotFound());
	}

	@Test
	void patchesWithMergePatchSemantics() throws Exception {
		String id = unique();
		String oldEmail = "old." + id.toLowerCase() + "@example.com";
		String newEmail = "new." + id.toLowerCase() + "@example.com";
		create(id, """
				{"first_name": "Old", "city": "Beijing", "email": "%s", "traits": {"keep": "x", "drop": 1}}
				""".formatted(oldEmail));

		send(patch("/api/customers/" + id).header("If-Match", "\"0\"").content("""
				{"first_name": "New", "city": null, "email": "%s", "traits": {"drop": null, "added": true}}
				""".formatted(newEmail)), MediaType.parseMediaType(CustomerController.MERGE_PATCH))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"1\""))
			.andExpect(jsonPath("$.first_name").value("New"))
			.andExpect(jsonPath("$.city").doesNotExist())
			.andExpect(jsonPath("$.email").value(newEmail))
			.andExpect(jsonPath("$.identities", hasSize(1)))
			.andExpect(jsonPath("$.traits.keep").value("x"))
			.andExpect(jsonPath("$.traits.added").value(true))
			.andExpect(jsonPath("$.traits.drop").doesNotExist())
			.andExpect(jsonPath("$.version").value(1));

		call(get("/api/customers").param("email", oldEmail)).andExpect(jsonPath("$.items", hasSize(0)));
		call(get("/api/customers").param("email", newEmail.toUpperCase()))
			.andExpect(jsonPath("$.items[*].customer_id").value(containsInAnyOrder(id)));
		call(patch("/api/customers/" + id).header("If-Match", "\"0\"").content("{\"first_name\": \"Stale\"}"))
			.andExpect(status().isPreconditionFailed());
		call(patch("/api/customers/" + id).content("{\"external_id\": \"X\", \"shoe_size\": 42, \"phone\": \"x\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("external_id", "shoe_size", "phone")));
		call(get("/api/customers/" + id)).andExpect(jsonPath("$.first_name").value("New"))
			.andExpect(jsonPath("$.version").value(1));
	}

	@Test
	void searchesByNamePrefixAndPaginates() throws Exception {
		String family = "Zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		for (String first : new String[] { "Ann", "Bo", "Cy" }) {
			create(unique(), "{\"first_name\": \"%s\", \"last_name\": \"%s\", \"member_tier\": \"silver\"}"
				.formatted(first, family + first));
		}
		String cursor = com.jayway.jsonpath.JsonPath.read(call(get("/api/customers").param("q", family.toLowerCase())
			.param("limit", "2")
			.param("sort", "last_name"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].first_name").value(org.hamcrest.Matchers.contains("Ann", "Bo")))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.next_cursor");

		call(get("/api/customers").param("q", family.toUpperCase())
			.param("limit", "2")
			.param("sort", "last_name")
			.param("cursor", cursor))
			.andExpect(jsonPath("$.items[*].first_name").value(org.hamcrest.Matchers.contains("Cy")))
			.andExpect(jsonPath("$.next_cursor").doesNotExist());
		call(get("/api/customers").param("q", family).param("member_tier", "silver").param("sort", "-created_at"))
			.andExpect(jsonPath("$.items", hasSize(3)));
		call(get("/api/customers").param("q", family).param("member_tier", "gold"))
			.andExpect(jsonPath("$.items", hasSize(0)));
	}

	@Test
	void findsCustomersByPhoneAndMemberCardThroughTheBlindIndex() throws Exception {
		String id = unique();
		String phone = IdentifyingCustomersIntegrationTests.randomMobile();
		create(id, "{\"phone\": \"%s\", \"member_card\": \"MC-%s\"}".formatted(phone, id));

		call(get("/api/customers").param("phone", "+86 " + phone.substring(0, 3) + " " + phone.substring(3)))
			.andExpect(jsonPath("$.items[*].customer_id").value(containsInAnyOrder(id)));
		call(get("/api/customers").param("member_card", "MC-" + id))
			.andExpect(jsonPath("$.items[*].customer_id").value(containsInAnyOrder(id)));
	}

	@Test
	void refusesAnUnknownSortAndBadPaging() throws Exception {
		call(get("/api/customers").param("sort", "password")).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("sort"));
		call(get("/api/customers").param("limit", "501")).andExpect(status().isUnprocessableContent());
		call(get("/api/customers").param("cursor", "garbage")).andExpect(status().isUnprocessableContent());
		call(get("/api/customers").param("status", "sleeping")).andExpect(status().isUnprocessableContent());
	}

	@Test
	void appendsConsentsToTheLedgerAndDerivesTheCurrentOne() throws Exception {
		String id = unique();
		create(id, "{\"consents\": {\"email\": \"granted\"}}");

		call(post("/api/customers/" + id + "/consents").content("""
				{"channel": "email", "status": "withdrawn", "source": "store_kiosk", "legal_basis": "consent",
				 "occurred_at": "2099-01-01T00:00:00Z"}
				""")).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("occurred_at"));
		call(post("/api/customers/" + id + "/consents").content("""
				{"channel": "email", "status": "withdrawn", "source": "store_kiosk"}
				""")).andExpect(status().isCreated())
			.andExpect(jsonPath("$.actor").value("tester"))
			.andExpect(jsonPath("$.legal_basis").value("consent"));
		call(post("/api/customers/" + id + "/consents").content("""
				{"channel": "email", "status": "granted", "source": "import", "occurred_at": "2020-01-01T00:00:00Z"}
				""")).andExpect(status().isCreated());
		call(post("/api/customers/" + id + "/consents").content("{\"channel\": \"fax\", \"status\": \"maybe\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("channel", "status")));

		call(get("/api/customers/" + id)).andExpect(jsonPath("$.consents.email.status").value("withdrawn"))
			.andExpect(jsonPath("$.consents.email.source").value("store_kiosk"));
		call(get("/api/customers/" + id + "/consents").param("limit", "2"))
			.andExpect(jsonPath("$.items[*].source").value(org.hamcrest.Matchers.contains("store_kiosk", "api")))
			.andExpect(jsonPath("$.next_cursor").isString());
	}

	@Test
	void showsAMergedProfileAndRefusesToChangeIt() throws Exception {
		String id = unique();
		create(id, "{}");
		String anonymousId = UUID.randomUUID().toString();
		identifying.resolveAnonymous(anonymousId, "segment");
		identifying.identify(id, anonymousId, java.util.Map.of(), "segment");

		call(get("/api/customers/anon:" + anonymousId)).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("merged"))
			.andExpect(jsonPath("$.merged_into").value(id));
		call(patch("/api/customers/anon:" + anonymousId).content("{\"first_name\": \"X\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(endsWith("/customer-merged")));
		call(get("/api/customers/" + id)).andExpect(jsonPath("$.identities[0].kind").value("anonymous_id"))
			.andExpect(jsonPath("$.identities[0].value").value(anonymousId));
	}

	private void create(String id, String json) throws Exception {
		String body = json.strip();
		String fields = body.substring(1, body.length() - 1).strip();
		call(post("/api/customers").content("{\"external_id\": \"" + id + "\"" + (fields.isEmpty() ? "" : ", " + fields) + "}"))
			.andExpect(status().isCreated());
	}

	private ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
		return send(request, MediaType.APPLICATION_JSON);
	}

	private ResultActions send(MockHttpServletRequestBuilder request, MediaType type) throws Exception {
		return mvc.perform(request.with(user("tester").roles("ADMIN"))
			.with(csrf())
			.contentType(type)
			.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
	}

	private static String unique() {
		return IdentifyingCustomersIntegrationTests.unique("C");
	}
}
