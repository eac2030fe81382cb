package io.atrium.customer;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.customer.Identities.Identity;
import io.atrium.shared.CustomerId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@SpringBootTest
@RecordApplicationEvents
class IdentifyingCustomersIntegrationTests {

	@Autowired
	IdentifyingCustomers identifying;

	@Autowired
	CustomerDirectory directory;

	@Autowired
	Identities identities;

	@Autowired
	ConsentLedger consents;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@Test
	void resolvesExistingAndCreatesMissingExternalIds() {
		String known = unique("CUST");
		String fresh = unique("CUST");
		CustomerId first = identifying.resolveOrCreate(List.of(known), "api").get(known);

		Map<String, CustomerId> resolved = identifying.resolveOrCreate(List.of(known, fresh, fresh), "api");

		assertThat(resolved).containsOnlyKeys(known, fresh).containsEntry(known, first);
		assertThat(identifying.findByExternalId(fresh)).contains(resolved.get(fresh));
		assertThat(identifying.externalIds(List.of(first))).containsEntry(first, known);
		assertThat(directory.find(resolved.get(fresh))).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo("active"));
	}

	@Test
	void createsOneAnonymousProfilePerAnonymousId() {
		String anonymousId = UUID.randomUUID().toString();

		CustomerId first = identifying.resolveAnonymous(anonymousId, "segment");
		CustomerId again = identifying.resolveAnonymous(" " + anonymousId + " ", "segment");

		assertThat(again).isEqualTo(first);
		CustomerSummary profile = directory.find(first).orElseThrow();
		assertThat(profile.status()).isEqualTo("anonymous");
		assertThat(profile.externalId()).isEqualTo("anon:" + anonymousId);
		assertThat(identities.of(first)).extracting(Identity::kind, Identity::value)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("anonymous_id", anonymousId));
	}

	@Test
	void identifyPromotesTheAnonymousProfileWhenTheUserIsNew() {
		String anonymousId = UUID.randomUUID().toString();
		String userId = unique("CUST");
		CustomerId anonymous = identifying.resolveAnonymous(anonymousId, "segment");

		CustomerId identified = identifying.identify(userId, anonymousId,
				Map.of("firstName", "Mei", "lastName", "Lin", "email", "Mei." + userId + "@Example.com",
						"favouriteStore", "Zara", "address", Map.of("city", "Shanghai"), "nested", Map.of("a", 1)),
				"segment");

		assertThat(identified).isEqualTo(anonymous);
		CustomerSummary profile = directory.find(identified).orElseThrow();
		assertThat(profile.externalId()).isEqualTo(userId);
		assertThat(profile.status()).isEqualTo("active");
		assertThat(profile.firstName()).isEqualTo("Mei");
		assertThat(profile.lastName()).isEqualTo("Lin");
		assertThat(profile.traits()).containsEntry("favourite_store", "Zara").doesNotContainKey("nested");
		assertThat(directory.contactPoints(identified).orElseThrow().email())
			.isEqualTo("mei." + userId.toLowerCase() + "@example.com");
		assertThat(events.stream(CustomersMerged.class)).isEmpty();
	}

	@Test
	void identifyMergesTheAnonymousProfileIntoTheKnownCustomer() {
		String anonymousId = UUID.randomUUID().toString();
		String userId = unique("CUST");
		CustomerId known = identifying.resolveOrCreate(List.of(userId), "api").get(userId);
		CustomerId anonymous = identifying.resolveAnonymous(anonymousId, "segment");
		consents.append(anonymous, "push", "granted", "app", "consent", java.time.Instant.now(), "tester",
				java.time.Instant.now());

		CustomerId identified = identifying.identify(userId, anonymousId, Map.of("city", "Shanghai"), "segment");

		assertThat(identified).isEqualTo(known);
		assertThat(events.stream(CustomersMerged.class)).containsExactly(new CustomersMerged(anonymous, known));
		assertThat(directory.find(anonymous).orElseThrow().status()).isEqualTo("merged");
		assertThat(mergedInto(anonymous)).isEqualTo(known.value());
		assertThat(identities.of(known)).extracting(Identity::kind).containsExactly("anonymous_id");
		assertThat(directory.currentConsents(known)).containsEntry("push", ConsentStatus.GRANTED);
		assertThat(directory.current(anonymous)).isEqualTo(known);
		assertThat(identifying.resolveAnonymous(anonymousId, "segment")).isEqualTo(known);
	}

	@Test
	void identifyDoesNotTakeAnEmailHeldByAnotherCustomer() {
		String owner = unique("CUST");
		String other = unique("CUST");
		String email = owner.toLowerCase() + "@example.com";
		CustomerId ownerId = identifying.identify(owner, null, Map.of("email", email), "segment");

		CustomerId otherId = identifying.identify(other, null, Map.of("email", email, "first_name", "Wei"),
				"segment");

		assertThat(otherId).isNotEqualTo(ownerId);
		assertThat(identities.owner(IdentityKind.EMAIL, email)).contains(ownerId);
		assertThat(directory.contactPoints(otherId).orElseThrow().email()).isNull();
		assertThat(directory.find(otherId).orElseThrow().firstName()).isEqualTo("Wei");
		assertThat(events.stream(CustomersMerged.class)).isEmpty();
	}

	@Test
	void aliasMergesAKnownPreviousIdIntoTheUser() {
		String previous = unique("CUST");
		String userId = unique("CUST");
		CustomerId previousId = identifying.resolveOrCreate(List.of(previous), "api").get(previous);
		CustomerId userProfile = identifying.resolveOrCreate(List.of(userId), "api").get(userId);

		CustomerId survivor = identifying.alias(previous, userId, "segment");

		assertThat(survivor).isEqualTo(userProfile);
		assertThat(events.stream(CustomersMerged.class)).containsExactly(new CustomersMerged(previousId, userProfile));
		assertThat(identifying.identify(previous, null, Map.of(), "segment")).isEqualTo(userProfile);
	}

	@Test
	void aliasPromotesAnAnonymousPreviousIdAndRecordsAnUnknownOne() {
		String anonymousId = UUID.randomUUID().toString();
		String userId = unique("CUST");
		CustomerId anonymous = identifying.resolveAnonymous(anonymousId, "segment");

		assertThat(identifying.alias(anonymousId, userId, "segment")).isEqualTo(anonymous);
		assertThat(directory.find(anonymous).orElseThrow().externalId()).isEqualTo(userId);

		String unknown = UUID.randomUUID().toString();
		assertThat(identifying.alias(unknown, userId, "segment")).isEqualTo(anonymous);
		assertThat(identifying.resolveAnonymous(unknown, "segment")).isEqualTo(anonymous);
		assertThat(events.stream(CustomersMerged.class)).isEmpty();
	}

	@Test
	void concurrentCallsForOneAnonymousIdShareOneProfile() throws Exception {
		String anonymousId = UUID.randomUUID().toString();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			List<java.util.concurrent.Future<CustomerId>> calls = new java.util.ArrayList<>();
			for (int i = 0; i < 8; i++) {
				calls.add(pool.submit(() -> identifying.resolveAnonymous(anonymousId, "segment")));
			}
			java.util.Set<CustomerId> profiles = new java.util.HashSet<>();
			for (java.util.concurrent.Future<CustomerId> call : calls) {
				profiles.add(call.get(30, java.util.concurrent.TimeUnit.SECONDS));
			}
			assertThat(profiles).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void identifyLeavesAnAnonymousIdWithTheKnownCustomerWhoHoldsIt() {
		String sharedDevice = UUID.randomUUID().toString();
		CustomerId first = identifying.identify(unique("CUST"), sharedDevice, Map.of(), "segment");

		CustomerId second = identifying.identify(unique("CUST"), sharedDevice, Map.of(), "segment");

		assertThat(second).isNotEqualTo(first);
		assertThat(identities.owner(IdentityKind.ANONYMOUS_ID, sharedDevice)).contains(first);
		assertThat(directory.find(first).orElseThrow().status()).isEqualTo("active");
		assertThat(events.stream(CustomersMerged.class)).isEmpty();
	}

	@Test
	void refusesIdentifyWithoutAnyId() {
		assertThatIllegalArgumentException().isThrownBy(() -> identifying.identify(" ", null, Map.of(), "segment"));
	}

	@Test
	void storesEmailAndPhoneOnlyEncrypted() {
		String userId = unique("CUST");
		String email = "secret." + userId.toLowerCase() + "@example.com";
		String digits = randomMobile();
		CustomerId id = identifying.identify(userId, null, Map.of("email", email, "phone", "+86 " + digits),
				"segment");

		List<byte[]> stored = jdbc.sql("""
				select coalesce(value_cipher, '') || coalesce(convert_to(value_plain, 'UTF8'), '') || lookup
				from customer_identity where customer_id = :id and kind in ('email', 'phone')
				""").param("id", id.value()).query(byte[].class).list();

		assertThat(stored).hasSize(2);
		for (byte[] bytes : stored) {
			String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
			assertThat(text).doesNotContain(email).doesNotContain(digits).doesNotContain("example");
		}
		assertThat(directory.contactPoints(id).orElseThrow().phone()).isEqualTo("+86" + digits);
	}

	private UUID mergedInto(CustomerId id) {
		return jdbc.sql("select merged_into from customer where id = :id").param("id", id.value()).query(UUID.class).single();
	}

	static String randomMobile() {
		return "139" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
	}
}
