package io.atrium.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class MallGeneratorTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, SHANGHAI);

	private static final long SEED = 20261124L;

	@Test
	void generatesIdenticalMallsForTheSameSeedAndSize() {
		SyntheticMall first = SyntheticMall.of(SEED, 2_000, CLOCK);
		SyntheticMall second = SyntheticMall.of(SEED, 2_000, CLOCK);

		assertThat(list(first.customers())).isEqualTo(list(second.customers()));
		assertThat(list(first.touchpoints())).isEqualTo(list(second.touchpoints()));
		assertThat(first.stores()).isEqualTo(second.stores());
	}

	@Test
	void generatesADifferentMallForAnotherSeed() {
		List<MallCustomer> one = list(SyntheticMall.of(SEED, 200, CLOCK).customers());
		List<MallCustomer> other = list(SyntheticMall.of(SEED + 1, 200, CLOCK).customers());

		assertThat(one).extracting(MallCustomer::externalId).isEqualTo(other.stream().map(MallCustomer::externalId).toList());
		assertThat(one).extracting(MallCustomer::id).doesNotContainAnyElementsOf(other.stream().map(MallCustomer::id).toList());
	}

	@Test
	void generatesEachMemberIndependentlyOfOrderAndThread() {
		SyntheticMall mall = SyntheticMall.of(SEED, 3_000, CLOCK);
		List<MallCustomer> sequential = list(mall.customers());
		Map<Integer, MallCustomer> parallel = new ConcurrentHashMap<>();
		Map<Integer, List<MallTouchpoint>> parallelTouchpoints = new ConcurrentHashMap<>();
		IntStream.rangeClosed(1, 3_000).parallel().map(n -> 3_001 - n).forEach(n -> {
			parallel.put(n, mall.customer(n));
			parallelTouchpoints.put(n, mall.touchpointsOf(n));
		});

		assertThat(IntStream.rangeClosed(1, 3_000).mapToObj(parallel::get).toList()).isEqualTo(sequential);
		assertThat(IntStream.rangeClosed(1, 3_000).boxed().flatMap(n -> parallelTouchpoints.get(n).stream()).toList())
			.isEqualTo(list(mall.touchpoints()));
		assertThat(SyntheticMall.of(SEED, 10, CLOCK).customer(7)).isEqualTo(mall.customer(7));
	}

	@Test
	void generatesTheRequestedNumberOfMembersWithAboutTenTouchpointsEach() {
		SyntheticMall mall = SyntheticMall.of(SEED, 5_000, CLOCK);

		assertThat(list(mall.customers())).hasSize(5_000);
		SyntheticMall.TouchpointIterator touchpoints = mall.touchpoints();
		long count = 0;
		while (touchpoints.hasNext()) {
			touchpoints.next();
			count++;
		}
		assertThat(touchpoints.membersReached()).isEqualTo(5_000);
		assertThat(count / 5_000.0).isBetween(8.0, 12.0);
	}

	@Test
	void issuesIdsInIncreasingOrderSoBulkLoadsAppendToIndexes() {
		SyntheticMall mall = SyntheticMall.of(SEED, 2_000, CLOCK);

		assertThat(list(mall.customers())).extracting(customer -> unsigned(customer.id())).isSorted();
		assertThat(list(mall.touchpoints())).extracting(touchpoint -> unsigned(touchpoint.id())).isSorted();
	}

	@Test
	void refusesSizesOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> SyntheticMall.of(SEED, 0, CLOCK));
		assertThatIllegalArgumentException().isThrownBy(() -> SyntheticMall.of(SEED, 1_000_001, CLOCK));
	}

	@Test
	void namesTheFirstMemberCust001AndPadsExternalIdsToThreeDigits() {
		SyntheticMall mall = SyntheticMall.of(SEED, 1_200, CLOCK);

		assertThat(mall.customer(1).externalId()).isEqualTo("CUST001");
		assertThat(mall.customer(42).externalId()).isEqualTo("CUST042");
		assertThat(mall.customer(1_000).externalId()).isEqualTo("CUST1000");
	}

	@Test
	void keepsIdentifiersUniqueAcrossTwentyThousandMembers() {
		List<MallCustomer> customers = list(SyntheticMall.of(SEED, 20_000, CLOCK).customers());

		assertThat(unique(customers, MallCustomer::email)).isEqualTo(20_000);
		assertThat(unique(customers, MallCustomer::phone)).isEqualTo(20_000);
		assertThat(unique(customers, MallCustomer::memberCard)).isEqualTo(20_000);
		assertThat(unique(customers, MallCustomer::externalId)).isEqualTo(20_000);
		assertThat(unique(customers, MallCustomer::id)).isEqualTo(20_000);
		assertThat(customers).allSatisfy(customer -> {
			assertThat(customer.phone()).matches("\\+861[3-9][0-9]{9}");
			assertThat(customer.memberCard()).matches("SBM[0-9]{10}");
			assertThat(customer.email()).matches("[a-z._]+[0-9]{7}@example\\.(com|net|org)");
			assertThat(customer.memberTier()).isIn("silver", "gold", "platinum", "diamond");
			assertThat(customer.createdAt()).isBeforeOrEqualTo(NOW);
		});
	}

	@Test
	void mixesPersonasByTheirShares() {
		List<MallCustomer> customers = list(SyntheticMall.of(SEED, 20_000, CLOCK).customers());
		Map<Persona, Integer> counts = new EnumMap<>(Persona.class);
		customers.forEach(customer -> counts.merge(customer.persona(), 1, Integer::sum));

		for (Persona persona : Persona.values()) {
			assertThat(counts.get(persona) / 200.0).as(persona.code()).isCloseTo(persona.share(), within(1.5));
		}
		assertThat(customers.stream().filter(customer -> customer.locale().equals("zh-CN")).count())
			.isGreaterThan(17_000);
	}

	@Test
	void letsVipsSpendMoreThanBargainHunters() {
		SyntheticMall mall = SyntheticMall.of(SEED, 10_000, CLOCK);
		Map<Persona, double[]> spend = new EnumMap<>(Persona.class);
		for (int n = 1; n <= mall.size(); n++) {
			double[] sums = spend.computeIfAbsent(mall.customer(n).persona(), p -> new double[2]);
			for (MallTouchpoint touchpoint : mall.touchpointsOf(n)) {
				if (touchpoint.amount() != null) {
					sums[0] += touchpoint.amount().doubleValue();
					sums[1]++;
				}
			}
		}
		double vipTicket = spend.get(Persona.VIP)[0] / spend.get(Persona.VIP)[1];
		double bargainTicket = spend.get(Persona.BARGAIN_HUNTER)[0] / spend.get(Persona.BARGAIN_HUNTER)[1];

		assertThat(vipTicket).isGreaterThan(5 * bargainTicket);
		assertThat(tierShare(mall, Persona.VIP, "silver")).isLessThan(tierShare(mall, Persona.BARGAIN_HUNTER, "silver"));
	}

	@Test
	void keepsLapsedMembersSilentForTheLastSixtyDaysButActiveEarlier() {
		SyntheticMall mall = SyntheticMall.of(SEED, 5_000, CLOCK);
		Instant silentSince = NOW.minus(Duration.ofDays(60));
		int lapsed = 0;
		for (int n = 1; n <= mall.size(); n++) {
			if (mall.customer(n).persona() == Persona.LAPSED) {
				lapsed++;
				List<MallTouchpoint> touchpoints = mall.touchpointsOf(n);
				assertThat(touchpoints).isNotEmpty().allSatisfy(t -> assertThat(t.occurredAt()).isBefore(silentSince));
			}
		}
		assertThat(lapsed).isGreaterThan(400);
	}

	@Test
	void letsNewMembersJoinWithinSixtyDaysAndVisitOnJoining() {
		SyntheticMall mall = SyntheticMall.of(SEED, 5_000, CLOCK);
		LocalDate today = LocalDate.ofInstant(NOW, SHANGHAI);
		for (int n = 1; n <= mall.size(); n++) {
			MallCustomer customer = mall.customer(n);
			if (customer.persona() == Persona.NEW_MEMBER) {
				assertThat(customer.memberSince()).isAfter(today.minusDays(61));
				assertThat(mall.touchpointsOf(n)).allSatisfy(
						t -> assertThat(LocalDate.ofInstant(t.occurredAt(), SHANGHAI)).isAfterOrEqualTo(customer.memberSince()));
			}
		}
	}

	@Test
	void bringsWeekendFamiliesMostlyOnWeekendsAndOfficeWorkersOnWeekdayLunchesAndEvenings() {
		SyntheticMall mall = SyntheticMall.of(SEED, 5_000, CLOCK);
		int familyVisits = 0;
		int familyWeekendVisits = 0;
		int officeVisits = 0;
		int officeWeekdayLunchOrEvening = 0;
		for (int n = 1; n <= mall.size(); n++) {
			Persona persona = mall.customer(n).persona();
			for (MallTouchpoint touchpoint : mall.touchpointsOf(n)) {
				if (!touchpoint.touchpointType().equals("store_visit")) {
					continue;
				}
				ZonedDateTime local = touchpoint.occurredAt().atZone(SHANGHAI);
				boolean weekend = local.getDayOfWeek().getValue() >= 6;
				if (persona == Persona.WEEKEND_FAMILY) {
					familyVisits++;
					familyWeekendVisits += weekend ? 1 : 0;
				}
				else if (persona == Persona.OFFICE_WORKER) {
					officeVisits++;
					LocalTime time = local.toLocalTime();
					boolean lunch = !time.isBefore(LocalTime.of(11, 0)) && time.isBefore(LocalTime.of(14, 30));
					boolean evening = !time.isBefore(LocalTime.of(17, 0));
					officeWeekdayLunchOrEvening += !weekend && (lunch || evening) ? 1 : 0;
				}
			}
		}
		assertThat(familyWeekendVisits).isGreaterThan(familyVisits * 6 / 10);
		assertThat(officeWeekdayLunchOrEvening).isGreaterThan(officeVisits * 7 / 10);
	}

	@Test
	void keepsEveryTouchpointWithinTheYearBeforeNowAndTiedToKnownPlaces() {
		SyntheticMall mall = SyntheticMall.of(SEED, 2_000, CLOCK);
		Set<String> storeIds = new HashSet<>();
		mall.stores().forEach(store -> storeIds.add(store.id()));
		Set<String> zoneNames = new HashSet<>();
		mall.zones().forEach(zone -> zoneNames.add(zone.name()));
		Set<String> types = new HashSet<>();

		assertThat(list(mall.touchpoints())).allSatisfy(touchpoint -> {
			types.add(touchpoint.touchpointType());
			assertThat(touchpoint.channel()).isIn("web", "app", "store", "mall", "email", "sms", "push");
			assertThat(touchpoint.occurredAt()).isBeforeOrEqualTo(NOW).isAfter(NOW.minus(Duration.ofDays(367)));
			if (touchpoint.storeId() != null) {
				assertThat(storeIds).contains(touchpoint.storeId());
			}
			if (touchpoint.location() != null) {
				assertThat(zoneNames).contains(touchpoint.location());
			}
			if (touchpoint.touchpointType().equals("purchase")) {
				assertThat(touchpoint.amount()).isPositive();
				assertThat(touchpoint.amount().scale()).isEqualTo(2);
			}
			if (touchpoint.touchpointType().equals("review")) {
				assertThat(touchpoint.rating()).isBetween(1, 5);
				assertThat(touchpoint.metadata()).containsKey("text");
			}
		});
		assertThat(types).containsExactlyInAnyOrder("store_visit", "purchase", "website_visit", "app_session",
				"email_open", "email_click", "sms_click", "push_open", "wifi_login", "parking", "review");
	}

	@Test
	void sendsCampaignMessagesOnlyToConsentingMembers() {
		SyntheticMall mall = SyntheticMall.of(SEED, 3_000, CLOCK);
		Set<String> campaigns = new HashSet<>();
		for (int n = 1; n <= mall.size(); n++) {
			MallCustomer customer = mall.customer(n);
			for (MallTouchpoint touchpoint : mall.touchpointsOf(n)) {
				String channel = touchpoint.channel();
				if (channel.equals("email") || channel.equals("sms") || channel.equals("push")) {
					assertThat(customer.consented(channel)).isTrue();
					assertThat(touchpoint.campaignId()).isNotNull();
					campaigns.add(touchpoint.campaignId());
				}
			}
		}
		assertThat(campaigns).contains("DOUBLE11_2026", "CNY2026", "MIDAUTUMN2026", "XMAS2025")
			.doesNotContain("XMAS2026");
	}

	@Test
	void laysOutAboutOneHundredTwentyStoresOverTheMallsFloors() {
		SyntheticMall mall = SyntheticMall.of(SEED, 1, CLOCK);
		Set<String> zoneIds = new HashSet<>();
		mall.zones().forEach(zone -> zoneIds.add(zone.id()));

		assertThat(mall.stores()).hasSizeBetween(110, 140)
			.allSatisfy(store -> assertThat(zoneIds).contains(store.zoneId()));
		assertThat(mall.stores()).extracting(MallStore::category)
			.contains("fashion", "luxury", "beauty", "sports", "electronics", "kids", "food_beverage", "dining",
					"home", "books", "cinema", "supermarket", "services");
		assertThat(unique(mall.stores(), MallStore::id)).isEqualTo(mall.stores().size());
		assertThat(mall.zones()).extracting(MallZone::floor).contains("B2", "B1", "L1", "L2", "L3", "L4", "L5", "L6");
	}

	private static double tierShare(SyntheticMall mall, Persona persona, String tier) {
		int members = 0;
		int inTier = 0;
		for (int n = 1; n <= mall.size(); n++) {
			MallCustomer customer = mall.customer(n);
			if (customer.persona() == persona) {
				members++;
				inTier += customer.memberTier().equals(tier) ? 1 : 0;
			}
		}
		return inTier / (double) members;
	}

	/** How PostgreSQL orders uuids: as unsigned bytes. */
	private static String unsigned(java.util.UUID id) {
		return id.toString();
	}

	private static <T> List<T> list(Iterator<T> iterator) {
		List<T> list = new ArrayList<>();
		iterator.forEachRemaining(list::add);
		return list;
	}

	private static <T> int unique(List<T> items, java.util.function.Function<T, ?> key) {
		return (int) items.stream().map(key).distinct().count();
	}
}
