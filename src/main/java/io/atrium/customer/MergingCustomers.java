package io.atrium.customer;

import java.util.Map;

import io.atrium.audit.AuditTrail;
import io.atrium.shared.Actor;
import io.atrium.shared.CustomerId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The explicit merge and unmerge use cases: an operator folds one profile into another, or reverses a merge
 * from its journal. Both are audited.
 */
@Service
class MergingCustomers {

	private final Customers customers;

	private final ProfileMerging merging;

	private final CustomerManagement management;

	private final AuditTrail audit;

	private final CustomerTexts texts;

	MergingCustomers(Customers customers, ProfileMerging merging, CustomerManagement management, AuditTrail audit,
			CustomerTexts texts) {
		this.customers = customers;
		this.merging = merging;
		this.management = management;
		this.audit = audit;
		this.texts = texts;
	}

	/** Both sides of a merge or unmerge, as they are afterwards. */
	record Outcome(CustomerProfile source, CustomerProfile target) {
	}

	@Transactional
	Outcome merge(String source, String target, Actor actor) {
		if (source == null || source.isBlank()) {
			throw io.atrium.shared.InvalidInput.of("source", texts.get("validation.required"));
		}
		if (target == null || target.isBlank()) {
			throw io.atrium.shared.InvalidInput.of("target", texts.get("validation.required"));
		}
		if (source.equals(target)) {
			throw io.atrium.shared.InvalidInput.of("target", texts.get("customer.merge-self"));
		}
		CustomerRow absorbed = existing(source);
		CustomerRow survivor = existing(target);
		if (absorbed.merged() || survivor.merged()) {
			throw new MergeNotReversible(texts.get("customer.merge-merged"));
		}
		merging.merge(absorbed.id(), survivor.id(), actor.name());
		audit.record(actor, "customer.merge", "customer:" + source, "success", Map.of("into", target));
		return new Outcome(management.get(source), management.get(target));
	}

	@Transactional
	Outcome unmerge(String externalId, Actor actor) {
		CustomerRow absorbed = existing(externalId);
		CustomerId survivor = merging.unmerge(absorbed.id(), actor.name(), texts.get("customer.not-merged"),
				texts.get("customer.survivor-merged"));
		String target = customers.find(survivor).orElseThrow().externalId();
		audit.record(actor, "customer.unmerge", "customer:" + externalId, "success", Map.of("from", target));
		return new Outcome(management.get(externalId), management.get(target));
	}

	private CustomerRow existing(String externalId) {
		return customers.findByExternalId(externalId)
			.orElseThrow(() -> new CustomerNotFound(texts.get("customer.not-found")));
	}
}
