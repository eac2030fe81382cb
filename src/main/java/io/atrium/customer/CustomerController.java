package io.atrium.customer;

import java.net.URI;
import java.security.Principal;
import java.util.Map;

import io.atrium.shared.Page;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The customer API. A customer is addressed by its external id ({@code /api/customers/CUST001}). Reads are
 * open to every role, writes to {@code ADMIN} and {@code MARKETER} (enforced by the central URL rules).
 */
@RestController
@RequestMapping(path = "/api/customers", produces = MediaType.APPLICATION_JSON_VALUE)
class CustomerController {

	static final String MERGE_PATCH = "application/merge-patch+json";

	private final CustomerManagement management;

	CustomerController(CustomerManagement management) {
		this.management = management;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CustomerResponse> create(@RequestBody CreateCustomerRequest request, Principal principal,
			UriComponentsBuilder uri) {
		CustomerProfile created = management.create(request, actor(principal));
		URI location = uri.path("/api/customers/{id}").buildAndExpand(created.row().externalId()).encode().toUri();
		return ResponseEntity.created(location)
			.eTag(Long.toString(created.row().version()))
			.body(CustomerResponse.of(created));
	}

	@GetMapping("/{customer_id}")
	ResponseEntity<CustomerResponse> get(@PathVariable("customer_id") String customerId) {
		CustomerProfile profile = management.get(customerId);
		return ResponseEntity.ok().eTag(Long.toString(profile.row().version())).body(CustomerResponse.of(profile));
	}

	@PatchMapping(path = "/{customer_id}", consumes = { MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<CustomerResponse> patch(@PathVariable("customer_id") String customerId, @RequestBody Map<String, Object> patch,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		CustomerProfile profile = management.patch(customerId, patch, version(ifMatch));
		return ResponseEntity.ok().eTag(Long.toString(profile.row().version())).body(CustomerResponse.of(profile));
	}

	@GetMapping
	Page<CustomerResponse> search(@RequestParam(required = false) String q,
			@RequestParam(required = false) String email, @RequestParam(required = false) String phone,
			@RequestParam(name = "member_card", required = false) String memberCard,
			@RequestParam(required = false) String status,
			@RequestParam(name = "member_tier", required = false) String memberTier,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String sort) {
		return management.search(q, email, phone, memberCard, status, memberTier, limit, cursor, sort)
			.map(CustomerResponse::of);
	}

	@GetMapping("/{customer_id}/consents")
	Page<ConsentEventResponse> consents(@PathVariable("customer_id") String customerId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return management.consents(customerId, limit, cursor).map(ConsentEventResponse::of);
	}

	@PostMapping(path = "/{customer_id}/consents", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ConsentEventResponse> recordConsent(@PathVariable("customer_id") String customerId,
			@RequestBody RecordConsentRequest request, Principal principal) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ConsentEventResponse.of(management.recordConsent(customerId, request, actor(principal))));
	}

	/** @return the version an {@code If-Match} header names ({@code "3"}, {@code W/"3"}, {@code 3}), {@code null} for none or {@code *}, -1 when unreadable (never matches) */
	static Long version(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
			return null;
		}
		String tag = ifMatch.strip();
		if (tag.startsWith("W/")) {
			tag = tag.substring(2);
		}
		tag = tag.replace("\"", "");
		try {
			return Long.parseLong(tag);
		}
		catch (NumberFormatException ex) {
			return -1L;
		}
	}

	private static String actor(Principal principal) {
		return principal == null || principal.getName() == null ? "anonymous" : principal.getName();
	}
}
