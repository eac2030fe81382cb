package io.atrium.access;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The firewall's character rules, now checked by {@link HeaderCharacters}, still guard every request. */
@SpringBootTest
@AutoConfigureMockMvc
class FirewallIntegrationTests {

	@Autowired
	MockMvc mvc;

	// the firewall checks a header when something reads it: these are headers every API request has read
	@Test
	void refusesControlCharactersInTheHeadersARequestReads() throws Exception {
		mvc.perform(get("/api/customers").header("Authorization", "Bearer abc\u0007def"))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/customers").header("Accept", "application/json\u0000").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void acceptsATabInAHeaderValue() throws Exception {
		mvc.perform(get("/api/customers").header("Accept", "application/json;\tq=0.9").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk());
	}
}
