package io.atrium.customer;

import java.util.Map;

import io.atrium.shared.Actor;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Data-subject requests: export ({@code POST /api/privacy/export/{customer_id}}) and erasure
 * ({@code POST /api/privacy/erase/{customer_id}}), ADMIN only (central URL rules). Erasure is complete when the
 * response arrives ({@code status: completed}).
 */
@RestController
@RequestMapping(path = "/api/privacy", produces = MediaType.APPLICATION_JSON_VALUE)
class PrivacyController {

	private final ExportingCustomerData exporting;

	private final ErasingCustomers erasing;

	PrivacyController(ExportingCustomerData exporting, ErasingCustomers erasing) {
		this.exporting = exporting;
		this.erasing = erasing;
	}

	@PostMapping("/export/{customer_id}")
	Map<String, Object> export(@PathVariable("customer_id") String customerId,
			jakarta.servlet.http.HttpServletRequest request) {
		return exporting.export(customerId, actor(request));
	}

	@PostMapping("/erase/{customer_id}")
	ErasingCustomers.Erased erase(@PathVariable("customer_id") String customerId,
			jakarta.servlet.http.HttpServletRequest request) {
		return erasing.erase(customerId, actor(request));
	}

	private static Actor actor(jakarta.servlet.http.HttpServletRequest request) {
		return request.getAttribute(Actor.REQUEST_ATTRIBUTE) instanceof Actor known ? known : Actor.SYSTEM;
	}
}
