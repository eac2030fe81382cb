package io.atrium.customer;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerSegmentTraitsUnitTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

	@Test
	void mapsSegmentSpecTraitsToTypedFields() {
		Map<String, Object> traits = new LinkedHashMap<>();
		traits.put("email", " Mei@Example.com ");
		traits.put("phone", 13800138000L);
		traits.put("firstName", "Mei");
		traits.put("lastName", "Lin");
		traits.put("gender", "F");
		traits.put("birthday", "1990-05-17T00:00:00.000Z");
		traits.put("address", Map.of("city", "Shanghai", "street", "Lujiazui"));
		traits.put("memberCard", "MC-1");
		traits.put("member_tier", "gold");
		traits.put("plan", "premium");

		SegmentTraits parsed = SegmentTraits.parse(traits, TODAY);

		assertThat(parsed.email()).isEqualTo("Mei@Example.com");
		assertThat(parsed.phone()).isEqualTo("13800138000");
		assertThat(parsed.firstName()).isEqualTo("Mei");
		assertThat(parsed.lastName()).isEqualTo("Lin");
		assertThat(parsed.gender()).isEqualTo("female");
		assertThat(parsed.birthDate()).isEqualTo(LocalDate.of(1990, 5, 17));
		assertThat(parsed.city()).isEqualTo("Shanghai");
		assertThat(parsed.memberCard()).isEqualTo("MC-1");
		assertThat(parsed.memberTier()).isEqualTo("gold");
		assertThat(parsed.custom()).containsOnly(Map.entry("plan", "premium"));
	}

	@Test
	void splitsAFullNameOnlyWhenNoPartsAreGiven() {
		assertThat(SegmentTraits.parse(Map.of("name", "Mei Ling Lin"), TODAY))
			.extracting(SegmentTraits::firstName, SegmentTraits::lastName)
			.containsExactly("Mei", "Ling Lin");
		assertThat(SegmentTraits.parse(Map.of("name", "林美"), TODAY))
			.extracting(SegmentTraits::firstName, SegmentTraits::lastName)
			.containsExactly("林美", null);
		assertThat(SegmentTraits.parse(Map.of("name", "Mei Lin", "first_name", "May"), TODAY))
			.extracting(SegmentTraits::firstName, SegmentTraits::lastName)
			.containsExactly("May", null);
	}

	@Test
	void dropsTypedValuesInUnusableForms() {
		SegmentTraits parsed = SegmentTraits.parse(Map.of("email", "nope", "phone", "call me", "gender", "robot",
				"birthday", "2099-01-01", "city", Map.of(), "member_card", "has space"), TODAY);

		assertThat(parsed).extracting(SegmentTraits::email, SegmentTraits::phone, SegmentTraits::gender,
				SegmentTraits::birthDate, SegmentTraits::city, SegmentTraits::memberCard)
			.containsOnlyNulls();
		assertThat(parsed.custom()).isEmpty();
	}
}
