package io.atrium.customer;

import io.atrium.shared.Actor;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Explicit merge ({@code POST /api/customers/merge}) and unmerge ({@code POST /api/customers/{customer_id}/unmerge})
 * for ADMIN and MARKETER (central URL rules).
 */
@RestController
@RequestMapping(path = "/api/customers", produces = MediaType.APPLICATION_JSON_VALUE)
class CustomerMergeController {

	private final MergingCustomers merging;

	CustomerMergeController(MergingCustomers merging) {
		this.merging = merging;
	}

	/**
	 * Body of a merge request.
	 * @param source external id of the profile to absorb
	 * @param target external id of the profile that remains
	 */
	record MergeRequest(String source, String target) {
	}

	/** Both profiles after a merge or unmerge. */
	record MergeResponse(CustomerResponse source, CustomerResponse target) {

		static MergeResponse of(MergingCustomers.Outcome outcome) {
			return new MergeResponse(CustomerResponse.of(outcome.source()), CustomerResponse.of(outcome.target()));
		}
	}

	@PostMapping(path = "/merge", consumes = MediaType.APPLICATION_JSON_VALUE)
	MergeResponse merge(@RequestBody MergeRequest body,
			jakarta.servlet.http.HttpServletRequest request) {
		return MergeResponse.of(merging.merge(body.source(), body.target(), actor(request)));
	}

	@PostMapping("/{customer_id}/unmerge")
	MergeResponse unmerge(@PathVariable("customer_id") String customerId,
			jakarta.servlet.http.HttpServletRequest request) {
		return MergeResponse.of(merging.unmerge(customerId, actor(request)));
	}


	private static Actor actor(jakarta.servlet.http.HttpServletRequest request) {
		return request.getAttribute(Actor.REQUEST_ATTRIBUTE) instanceof Actor known ? known : Actor.SYSTEM;
	}
}
