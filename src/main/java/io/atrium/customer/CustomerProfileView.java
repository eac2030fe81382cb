package io.atrium.customer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
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

	private final List<ProfileSection> sections;

	CustomerProfileView(CustomerManagement management, List<ProfileSection> sections) {
		this.management = management;
		this.sections = sections;
	}

	@GetMapping(path = "/api/customers/{customer_id}/profile", produces = MediaType.APPLICATION_JSON_VALUE)
	@Transactional(readOnly = true)
	Map<String, Object> profile(@PathVariable("customer_id") String customerId) {
		CustomerProfile profile = management.get(customerId);
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("customer", CustomerResponse.of(profile));
		sections.stream()
			.sorted(java.util.Comparator.comparing(ProfileSection::name))
			.forEach(section -> view.put(section.name(), section.of(profile.row().id())));
		return view;
	}
}
