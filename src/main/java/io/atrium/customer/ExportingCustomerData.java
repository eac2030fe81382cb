package io.atrium.customer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.audit.AuditEntry;
import io.atrium.audit.AuditTrail;
import io.atrium.shared.Actor;
import io.atrium.shared.Page;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's data export (GDPR art. 15/20, PIPL art. 45): the profile with identities decrypted, the full
 * consent ledger, the merges it took part in, every module's {@link PersonalDataSection} (touchpoints, segment
 * memberships) and the audit rows about the person. Audited.
 */
@Service
class ExportingCustomerData {

	private static final int MAX_AUDIT_ROWS = 5_000;

	private final CustomerManagement management;

	private final ConsentLedger consents;

	private final List<PersonalDataSection> sections;

	private final AuditTrail audit;

	ExportingCustomerData(CustomerManagement management, ConsentLedger consents, List<PersonalDataSection> sections,
			AuditTrail audit) {
		this.management = management;
		this.consents = consents;
		this.sections = sections;
		this.audit = audit;
	}

	@Transactional // not read-only: the export's audit row is written in it
	Map<String, Object> export(String externalId, Actor actor) {
		CustomerProfile profile = management.get(externalId);
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("profile", CustomerResponse.of(profile));
		List<ConsentEventResponse> ledger = new ArrayList<>();
		String cursor = null;
		do {
			Page<ConsentLedger.ConsentEntry> page = consents.page(profile.row().id(), 500, cursor);
			page.items().forEach(entry -> ledger.add(ConsentEventResponse.of(entry)));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		export.put("consents", ledger);
		sections.stream()
			.sorted(java.util.Comparator.comparing(PersonalDataSection::name))
			.forEach(section -> export.put(section.name(), section.export(profile.row().id())));
		List<AuditEntry> rows = new ArrayList<>();
		for (String target : List.of("/api/customers/" + externalId, "customer:" + externalId,
				"customer:" + profile.row().id().value(), "/api/privacy/export/" + externalId)) {
			rows.addAll(auditRows(target));
		}
		export.put("audit", rows);
		audit.record(actor, "privacy.export", "customer:" + profile.row().id().value(), "success", Map.of());
		return export;
	}

	private List<AuditEntry> auditRows(String target) {
		List<AuditEntry> rows = new ArrayList<>();
		String cursor = null;
		do {
			Page<AuditEntry> page = audit.find(new AuditTrail.Filter(null, null, target, null, null, null), cursor, 500);
			page.items().stream().filter(row -> target.equals(row.target()) || row.target().startsWith(target + "/"))
				.forEach(rows::add);
			cursor = page.nextCursor();
		}
		while (cursor != null && rows.size() < MAX_AUDIT_ROWS);
		return rows;
	}
}
