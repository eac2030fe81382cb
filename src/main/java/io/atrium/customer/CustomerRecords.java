package io.atrium.customer;

import java.util.Map;

import io.atrium.shared.Page;

import org.springframework.stereotype.Service;

/**
 * Profiles as the API shows them, for other modules that present customers to people (the dashboard): search,
 * read and edit, with the same rules and validation as {@code /api/customers}.
 */
@Service
public class CustomerRecords {

	private final CustomerManagement management;

	private final ExportingCustomerData exporting;

	private final ErasingCustomers erasing;

	CustomerRecords(CustomerManagement management, ExportingCustomerData exporting, ErasingCustomers erasing) {
		this.management = management;
		this.exporting = exporting;
		this.erasing = erasing;
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
