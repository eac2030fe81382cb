package io.atrium.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.atrium.customer.CustomerBulkLoad.NewCustomer;
import io.atrium.customer.Identities.Identity;
import io.atrium.shared.CustomerId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class CustomerBulkLoadIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	CustomerBulkLoad bulkLoad;

	@Autowired
	CustomerDirectory directory;

	@Autowired
	Identities identities;

	@Autowired
	JdbcClient jdbc;

	@Test
	void loadsProfilesIdentitiesAndConsentsAndReportsProgress() {
		String batch = batch();
		List<NewCustomer> customers = IntStream.range(0, 12_345).mapToObj(i -> customer(batch, i)).toList();
		List<Long> progress = new ArrayList<>();

		bulkLoad.load(customers.iterator(), progress::add);

		assertThat(progress).containsExactly(10_000L, 12_345L);
		assertThat(jdbc.sql("select count(*) from customer where external_id like :p")
			.param("p", "BULK-" + batch + "-%")
			.query(Long.class)
			.single()).isEqualTo(12_345L);
		NewCustomer sample = customers.get(4321);
		CustomerSummary loaded = directory.findByExternalId(sample.externalId()).orElseThrow();
		assertThat(loaded.id()).isEqualTo(sample.id());
		assertThat(loaded.firstName()).isEqualTo("Ann \"Quote\", Jr.");
		assertThat(loaded.lastName()).isEqualTo("O'Neil\nLine");
		assertThat(loaded.traits()).containsEntry("favourite_store", "Store, 12").containsEntry("visits", 4321);
		assertThat(directory.contactPoints(sample.id()).orElseThrow().email()).isEqualTo(sample.email().toLowerCase());
		assertThat(identities.owner(IdentityKind.EMAIL, sample.email())).contains(sample.id());
		assertThat(identities.owner(IdentityKind.MEMBER_CARD, sample.memberCard())).contains(sample.id());
		assertThat(identities.of(sample.id())).extracting(Identity::kind).containsExactly("email", "phone", "member_card");
		assertThat(directory.currentConsents(sample.id())).containsEntry("email", ConsentStatus.GRANTED)
			.containsEntry("sms", ConsentStatus.WITHDRAWN);
	}

	@Test
	void loadedCustomersReadBackThroughTheApi() throws Exception {
		String batch = batch();
		List<NewCustomer> customers = IntStream.range(0, 2_000).mapToObj(i -> customer(batch, i)).toList();
		bulkLoad.load(customers.iterator(), count -> {
		});

		for (NewCustomer customer : List.of(customers.get(0), customers.get(777), customers.get(1_999))) {
			mvc.perform(get("/api/customers/" + customer.externalId()).with(user("viewer").roles("VIEWER")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.email").value(customer.email().toLowerCase()))
				.andExpect(jsonPath("$.phone").value(PiiProtection.normalize("phone", customer.phone())))
				.andExpect(jsonPath("$.last_name").value(customer.lastName()))
				.andExpect(jsonPath("$.consents.email.status").value("granted"));
			mvc.perform(get("/api/customers").param("email", customer.email()).with(user("viewer").roles("VIEWER")))
				.andExpect(jsonPath("$.items[*].customer_id").value(contains(customer.externalId())));
			mvc.perform(get("/api/customers").param("member_card", customer.memberCard())
				.with(user("viewer").roles("VIEWER")))
				.andExpect(jsonPath("$.items[*].customer_id").value(contains(customer.externalId())));
		}
	}

	@Test
	void writesNothingWhenAnExternalIdIsTaken() {
		String batch = batch();
		NewCustomer first = customer(batch, 1);
		bulkLoad.load(List.of(first).iterator(), count -> {
		});

		List<NewCustomer> again = List.of(customer(batch, 2), customer(batch, 1));
		assertThatIllegalStateException().isThrownBy(() -> bulkLoad.load(again.iterator(), count -> {
		})).withMessageContaining("constraint").withMessageNotContaining(first.email());

		assertThat(directory.findByExternalId(again.get(0).externalId())).isEmpty();
	}

	private static final java.util.concurrent.atomic.AtomicInteger BATCHES = new java.util.concurrent.atomic.AtomicInteger();

	/** A batch name unique in this JVM (whose database the tests share) that also keeps phone numbers apart. */
	static String batch() {
		return BATCHES.incrementAndGet() + "x" + UUID.randomUUID().toString().substring(0, 6);
	}

	static NewCustomer customer(String batch, int i) {
		String externalId = "BULK-" + batch + "-" + i;
		return new NewCustomer(CustomerId.random(), externalId, "Ann \"Quote\", Jr.", "O'Neil\nLine",
				"Bulk." + batch + "." + i + "@Example.com", "+852 " + batch.substring(0, batch.indexOf('x')) + (1_000_000 + i),
				"MC" + batch + i, "female", LocalDate.of(1990, 1, 1).plusDays(i % 9000), "Shanghai", "gold",
				LocalDate.of(2020, 5, 1), "zh-CN", Map.of("favouriteStore", "Store, 12", "visits", i),
				Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), Map.of("email", "granted", "sms", "withdrawn"));
	}
}
