package io.atrium.customer;

import java.util.Map;

import io.atrium.shared.Page;

import org.springframework.stereotype.Service;

/**
 * Profiles as the API shows them, for other modules that present customers to people (the dashboard): search,
 * read, edit, merge and unmerge, with the same rules and validation as {@code /api/customers}.
 */
@Service
public class CustomerRecords {

	private final CustomerManagement management;

	private final ExportingCustomerData exporting;

	private final ErasingCustomers erasing;

	private final MergingCustomers merging;

	CustomerRecords(CustomerManagement management, ExportingCustomerData exporting, ErasingCustomers erasing,
			MergingCustomers merging) {
		this.management = management;
		this.exporting = exporting;
		this.erasing = erasing;
		this.merging = merging;
	}

	/** The person's data as {@code POST /api/privacy/export/{id}} returns it (audited there). */
	public Map<String, Object> export(String externalId, io.atrium.shared.Actor actor) {
		return exporting.export(externalId, actor);
	}

	/**
	 * Erases the person as {@code POST /api/privacy/erase/{id}} does.
	 *
	 * @return how many profiles were erased
	 */
	public int erase(String externalId, io.atrium.shared.Actor actor) {
		return erasing.erase(externalId, actor).profiles();
	}

	/**
	 * Both profiles after a merge or unmerge.
	 *
	 * @param source the absorbed profile (status {@code merged} after a merge)
	 * @param target the surviving profile
	 */
	public record MergeOutcome(CustomerResponse source, CustomerResponse target) {
	}

	/**
	 * Folds {@code source} into {@code target} as {@code POST /api/customers/merge} does (audited there).
	 *
	 * @throws io.atrium.shared.Problem when either is blank, unknown, the same, or already merged
	 */
	public MergeOutcome merge(String source, String target, io.atrium.shared.Actor actor) {
		MergingCustomers.Outcome outcome = merging.merge(source, target, actor);
		return new MergeOutcome(CustomerResponse.of(outcome.source()), CustomerResponse.of(outcome.target()));
	}

	/**
	 * Reverses the merge of {@code externalId} as {@code POST /api/customers/{id}/unmerge} does (audited there).
	 *
	 * @throws io.atrium.shared.Problem when the profile is unknown, not merged, or its survivor was merged further
	 */
	public MergeOutcome unmerge(String externalId, io.atrium.shared.Actor actor) {
		MergingCustomers.Outcome outcome = merging.unmerge(externalId, actor);
		return new MergeOutcome(CustomerResponse.of(outcome.source()), CustomerResponse.of(outcome.target()));
	}

	/**
	 * @param q a name prefix or {@code null}
	 * @param status {@code active}, {@code inactive} or {@code null}
	 * @param limit page size (default 50, max 500)
	 * @param cursor from a previous page or {@code null}
	 */
	public Page<CustomerResponse> search(String q, String status, Integer limit, String cursor) {
		return management.search(q, null, null, null, status, null, limit, cursor, null).map(CustomerResponse::of);
	}

	/** @throws CustomerNotFound when no customer has this external id */
	public CustomerResponse get(String externalId) {
		return CustomerResponse.of(management.get(externalId));
	}

	/**
	 * Applies a merge patch (the fields of {@code PATCH /api/customers/{id}}).
	 *
	 * @param expectedVersion the version the editor saw, or {@code null} to skip the check
	 */
	public CustomerResponse update(String externalId, Map<String, Object> patch, Long expectedVersion) {
		return CustomerResponse.of(management.patch(externalId, patch, expectedVersion));
	}
}
