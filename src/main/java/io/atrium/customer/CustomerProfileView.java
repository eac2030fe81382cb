package io.atrium.customer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/customers/{customer_id}/profile}: the 360° view — the profile with its identities, traits and
 * consents, then every {@link ProfileSection} other modules contribute (segments, last touchpoints). Stage and
 * scores appear once the journey and scoring modules contribute sections.
 */
@RestController
class CustomerProfileView {

	private final CustomerManagement management;

	private final List<ProfileSection> sorted;

	CustomerProfileView(CustomerManagement management, List<ProfileSection> sections) {
		this.management = management;
		this.sorted = sections.stream().sorted(java.util.Comparator.comparing(ProfileSection::name)).toList();
	}

	// no transaction: each part is one statement, and under read committed a transaction around them would not
	// make them one snapshot, only cost a round trip to commit
	@GetMapping(path = "/api/customers/{customer_id}/profile", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> profile(@PathVariable("customer_id") String customerId) {
		CustomerProfile profile = management.get(customerId);
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("customer", CustomerResponse.of(profile));
		sorted.forEach(section -> view.put(section.name(), section.of(profile.row().id())));
		return view;
	}
}
