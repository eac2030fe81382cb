package io.atrium.customer;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class CustomerImportIntegrationTests {

	static final String MAPPING = """
			{"Member": "external_id", "Mail": "email", "Name": "first_name", "Tier": "member_tier"}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void dryRunReportsErrorsPerRowThenImportsAndReimportsIdempotently() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String csv = """
				Member,Mail,Name,Tier,traits.color
				IMPA%1$s,impa.%1$s@example.com,Ann,gold,red
				IMPB%1$s,not-an-email,Bob,,
				""".formatted(tag);
		mvc.perform(post("/api/customers/import").with(user("m").roles("MARKETER")).with(csrf())
			.param("mapping", MAPPING)
			.param("dry_run", "true")
			.contentType("text/csv")
			.content(csv))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.dry_run").value(true))
			.andExpect(jsonPath("$.rows").value(2))
			.andExpect(jsonPath("$.created").value(1))
			.andExpect(jsonPath("$.failed").value(1))
			.andExpect(jsonPath("$.errors[0].row").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("email"));
		assertThat(profiles(tag)).isZero();

		mvc.perform(multipart("/api/customers/import")
			.file(new MockMultipartFile("file", "customers.csv", "text/csv", csv.getBytes()))
			.param("mapping", MAPPING)
			.with(user("m").roles("MARKETER")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(1))
			.andExpect(jsonPath("$.failed").value(1));
		assertThat(profiles(tag)).isEqualTo(1);

		String fixed = csv.replace("not-an-email", "impb." + tag + "@example.com");
		mvc.perform(post("/api/customers/import").with(user("m").roles("MARKETER")).with(csrf())
			.param("mapping", MAPPING)
			.contentType("text/csv")
			.content(fixed))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(1))
			.andExpect(jsonPath("$.updated").value(1))
			.andExpect(jsonPath("$.failed").value(0));
		mvc.perform(post("/api/customers/import").with(user("m").roles("MARKETER")).with(csrf())
			.param("mapping", MAPPING)
			.contentType("text/csv")
			.content(fixed))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(0))
			.andExpect(jsonPath("$.updated").value(2));
		assertThat(profiles(tag)).isEqualTo(2);
		assertThat(jdbc.sql("select first_name || ' ' || member_tier || ' ' || (traits ->> 'color') from customer where external_id = :id")
			.param("id", "IMPA" + tag).query(String.class).single()).isEqualTo("Ann gold red");
	}

	@Test
	void refusesAMappingToAnUnknownField() throws Exception {
		mvc.perform(post("/api/customers/import").with(user("m").roles("MARKETER")).with(csrf())
			.param("mapping", "{\"Member\": \"external_id\", \"Pwd\": \"password\"}")
			.contentType("text/csv")
			.content("Member,Pwd\nX1,secret\n"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("mapping.Pwd"));
	}

	long profiles(String tag) {
		return jdbc.sql("select count(*) from customer where external_id like :p").param("p", "IMP%" + tag)
			.query(Long.class).single();
	}
}
