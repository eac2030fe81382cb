package io.atrium.tracking;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.customer.IdentifyingCustomers;
import io.atrium.shared.CustomerId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores validated touchpoints: resolves (and creates) their customers in one call per batch, following
 * merges to the surviving profile, inserts the
 * batch in one statement, treats a {@code message_id} already stored (or repeated earlier in the same batch)
 * as a duplicate, and publishes {@link TouchpointRecorded} for every new touchpoint in the same transaction.
 */
@Service
class TrackingTouchpoints {

	private static final Logger log = LoggerFactory.getLogger(TrackingTouchpoints.class);

	/** How often a batch that lost a deadlock (or a lock wait) to a concurrent one is run again. */
	private static final int ATTEMPTS = 4;

	private final Touchpoints touchpoints;

	private static final String MERGED = "merged";

	private final IdentifyingCustomers customers;

	private final CustomerDirectory directory;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transactions;

	TrackingTouchpoints(Touchpoints touchpoints, IdentifyingCustomers customers, CustomerDirectory directory,
			ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
		this.transactions = new TransactionTemplate(transactions);
		this.touchpoints = touchpoints;
		this.customers = customers;
		this.directory = directory;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * What became of one draft.
	 *
	 * @param touchpointId the new touchpoint, or for a duplicate the one stored before
	 * @param customerId the profile the stored touchpoint belongs to
	 * @param externalId the customer's external id when known, else {@code null}
	 * @param duplicate whether the message id had been stored before and nothing was written
	 */
	record Stored(UUID touchpointId, CustomerId customerId, String externalId, String type, String channel,
			Instant occurredAt, Instant receivedAt, boolean duplicate) {
	}

	/**
	 * @param drafts valid touchpoints, never {@code null}
	 * @param source where they came from, e.g. {@code api} or {@code segment:web-shop}
	 * @return one outcome per draft, in order
	 */
	List<Stored> record(List<TouchpointDraft> drafts, String source) {
		if (drafts.isEmpty()) {
			return List.of();
		}
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// the caller's transaction decides; a deadlock aborts it, so there is nothing to retry here
			return recordOnce(drafts, source);
		}
		for (int attempt = 1;; attempt++) {
			try {
				return transactions.execute(status -> recordOnce(drafts, source));
			}
			catch (PessimisticLockingFailureException ex) {
				// concurrent batches sharing customers or replayed message ids can deadlock; the loser rolled
				// back entirely, so running it again stores each touchpoint exactly once
				if (attempt == ATTEMPTS) {
					throw ex;
				}
				log.info("Touchpoint batch of {} lost a lock conflict (attempt {}), retrying: {}", drafts.size(),
						attempt, ex.getMostSpecificCause().getMessage());
				try {
					Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25L * attempt));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	private List<Stored> recordOnce(List<TouchpointDraft> drafts, String source) {
		Instant receivedAt = clock.instant();
		List<TouchpointDraft> resolved = resolveCustomers(drafts, source);

		int n = resolved.size();
		int[] firstWithSameMessage = new int[n];
		Map<String, Integer> firstByMessage = new HashMap<>();
		List<UUID> ids = new ArrayList<>(n);
		List<TouchpointDraft> candidates = new ArrayList<>(n);
		UUID[] idOf = new UUID[n];
		for (int i = 0; i < n; i++) {
			TouchpointDraft draft = resolved.get(i);
			firstWithSameMessage[i] = -1;
			if (draft.messageId() != null) {
				Integer first = firstByMessage.putIfAbsent(draft.messageId(), i);
				if (first != null) {
					firstWithSameMessage[i] = first;
					continue;
				}
			}
			idOf[i] = TimeOrderedIds.next();
			ids.add(idOf[i]);
			candidates.add(draft);
		}
		Set<UUID> inserted = touchpoints.insert(ids, candidates, receivedAt, source);

		Set<String> replayed = new LinkedHashSet<>();
		for (int i = 0; i < n; i++) {
			if (idOf[i] != null && !inserted.contains(idOf[i])) {
				replayed.add(resolved.get(i).messageId());
			}
		}
		Map<String, Touchpoints.Row> earlier = touchpoints.findByMessageIds(replayed);
		Map<CustomerId, String> otherExternalIds = externalIdsOfOtherCustomers(resolved, earlier);

		List<Stored> outcomes = new ArrayList<>(n);
		List<TouchpointRecorded> recorded = new ArrayList<>(inserted.size());
		for (int i = 0; i < n; i++) {
			TouchpointDraft draft = resolved.get(i);
			if (idOf[i] != null && inserted.contains(idOf[i])) {
				recorded.add(new TouchpointRecorded(idOf[i], draft.customerId(), draft.type(), draft.channel(),
						draft.occurredAt(), draft.amount(), draft.campaignId(), draft.storeId()));
				outcomes.add(new Stored(idOf[i], draft.customerId(), draft.externalId(), draft.type(), draft.channel(),
						draft.occurredAt(), receivedAt, false));
			}
			else if (idOf[i] == null) {
				Stored first = outcomes.get(firstWithSameMessage[i]);
				outcomes.add(new Stored(first.touchpointId(), first.customerId(), first.externalId(), first.type(),
						first.channel(), first.occurredAt(), first.receivedAt(), true));
			}
			else {
				Touchpoints.Row row = earlier.get(draft.messageId());
				if (row == null) {
					outcomes.add(new Stored(null, draft.customerId(), draft.externalId(), draft.type(), draft.channel(),
							draft.occurredAt(), receivedAt, true));
				}
				else {
					String externalId = row.customerId().equals(draft.customerId()) ? draft.externalId()
							: otherExternalIds.get(row.customerId());
					outcomes.add(new Stored(row.id(), row.customerId(), externalId, row.type(), row.channel(),
							row.occurredAt(), row.receivedAt(), true));
				}
			}
		}
		if (!recorded.isEmpty()) {
			events.publishEvent(new TouchpointsRecorded(recorded));
		}
		return outcomes;
	}

	/** Resolves in sorted order, so that concurrent batches creating the same customers lock them alike. */
	private List<TouchpointDraft> resolveCustomers(List<TouchpointDraft> drafts, String source) {
		Set<String> externalIds = new TreeSet<>();
		for (TouchpointDraft draft : drafts) {
			if (draft.customerId() == null) {
				externalIds.add(draft.externalId());
			}
		}
		if (externalIds.isEmpty()) {
			return drafts;
		}
		Map<String, CustomerId> byExternalId = followMerges(customers.resolveOrCreate(externalIds, source));
		List<TouchpointDraft> resolved = new ArrayList<>(drafts.size());
		for (TouchpointDraft draft : drafts) {
			resolved.add(draft.customerId() != null ? draft : draft.withCustomer(byExternalId.get(draft.externalId())));
		}
		return resolved;
	}

	/**
	 * An external id of a profile that was merged away still names the person: its touchpoints go to the
	 * survivor, as the merge moved the earlier ones there.
	 */
	private Map<String, CustomerId> followMerges(Map<String, CustomerId> byExternalId) {
		Map<CustomerId, CustomerSummary> profiles = directory.findAll(new HashSet<>(byExternalId.values()));
		Map<String, CustomerId> current = new HashMap<>(byExternalId);
		byExternalId.forEach((externalId, id) -> {
			CustomerSummary profile = profiles.get(id);
			if (profile != null && MERGED.equals(profile.status())) {
				current.put(externalId, directory.current(id));
			}
		});
		return current;
	}

	private Map<CustomerId, String> externalIdsOfOtherCustomers(List<TouchpointDraft> drafts,
			Map<String, Touchpoints.Row> earlier) {
		Set<CustomerId> others = new HashSet<>();
		for (TouchpointDraft draft : drafts) {
			Touchpoints.Row row = draft.messageId() == null ? null : earlier.get(draft.messageId());
			if (row != null && !row.customerId().equals(draft.customerId())) {
				others.add(row.customerId());
			}
		}
		return others.isEmpty() ? Map.of() : customers.externalIds(others);
	}
}
