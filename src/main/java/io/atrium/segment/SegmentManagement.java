package io.atrium.segment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.platform.JobId;
import io.atrium.platform.Jobs;
import io.atrium.segment.SegmentMembershipChanged.Change;
import io.atrium.shared.CustomerId;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;
import io.atrium.shared.Problem.FieldError;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * The use cases behind the segment API: define, edit, archive and preview segments, and edit static lists.
 * Every request is checked in full before anything is written; full recomputes run as jobs.
 */
@Service
class SegmentManagement {

	static final int MAX_MEMBERS_PER_REQUEST = 100_000;

	private final Segments segments;

	private final Memberships memberships;

	private final SegmentEvaluation evaluation;

	private final CustomerDirectory directory;

	private final Jobs jobs;

	private final JdbcTemplate jdbc;

	private final SegmentTexts texts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SegmentManagement(Segments segments, Memberships memberships, SegmentEvaluation evaluation,
			CustomerDirectory directory, Jobs jobs, JdbcTemplate jdbc, SegmentTexts texts,
			ApplicationEventPublisher events, Clock clock) {
		this.segments = segments;
		this.memberships = memberships;
		this.evaluation = evaluation;
		this.directory = directory;
		this.jobs = jobs;
		this.jdbc = jdbc;
		this.texts = texts;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	SegmentRow create(String name, String description, String type, JsonNode rule, String actor) {
		List<FieldError> errors = new ArrayList<>();
		checkTexts(name, description, errors);
		if (type == null || !(SegmentRow.DYNAMIC.equals(type) || SegmentRow.STATIC.equals(type))) {
			errors.add(new FieldError("type", texts.get("segment.type")));
		}
		UUID id = UUID.randomUUID();
		if (SegmentRow.STATIC.equals(type) && rule != null && !rule.isNull()) {
			errors.add(new FieldError("rule", texts.get("segment.static-rule")));
		}
		if (!errors.isEmpty()) {
			throw texts.invalid(errors);
		}
		if (SegmentRow.DYNAMIC.equals(type)) {
			checkRule(id, rule);
		}
		Instant now = clock.instant();
		SegmentRow row = new SegmentRow(id, name.strip(), description, type,
				SegmentRow.DYNAMIC.equals(type) ? rule : null, SegmentRow.ACTIVE, 0, null, actor, now, now);
		segments.insert(row);
		evaluation.forgetSegments();
		return row;
	}

	@Transactional
	SegmentRow edit(UUID id, String name, String description, String type, JsonNode rule, String actor) {
		SegmentRow current = editable(id);
		List<FieldError> errors = new ArrayList<>();
		checkTexts(name, description, errors);
		if (type != null && !type.equals(current.type())) {
			errors.add(new FieldError("type", texts.get("segment.type")));
		}
		if (!current.dynamic() && rule != null && !rule.isNull()) {
			errors.add(new FieldError("rule", texts.get("segment.static-rule")));
		}
		if (!errors.isEmpty()) {
			throw texts.invalid(errors);
		}
		if (current.dynamic()) {
			checkRule(id, rule);
		}
		segments.update(id, name.strip(), description, current.dynamic() ? rule : null, clock.instant());
		evaluation.forgetSegments();
		return segments.find(id).orElseThrow();
	}

	@Transactional
	void archive(UUID id) {
		editable(id);
		Instant now = clock.instant();
		segments.archive(id, now);
		evaluation.forgetSegments();
		evaluation.closeAll(id, now);
	}

	@Transactional(readOnly = true)
	SegmentRow get(UUID id) {
		return segments.find(id).orElseThrow(() -> new SegmentNotFound(texts.get("segment.not-found")));
	}

	@Transactional(readOnly = true)
	Page<SegmentRow> list(boolean includeArchived, String cursor, Integer limit) {
		return segments.page(includeArchived, cursor, Limit.of(limit));
	}

	@Transactional(readOnly = true)
	int size(UUID id) {
		return memberships.size(id);
	}

	@Transactional(readOnly = true)
	List<Segments.SizeAt> history(UUID id) {
		return segments.history(id, 30);
	}

	/** A rule's count and a sample of its members' external ids. */
	record Preview(long count, List<String> sample) {
	}

	@Transactional(readOnly = true)
	Preview preview(JsonNode rule) {
		checkRule(null, rule);
		SegmentRules.Compiled compiled = SegmentRules.compile(rule, java.time.LocalDate.now(clock), clock.getZone(), texts);
		String from = " from segment_profile p where p.status = 'active' and (" + compiled.predicate() + ")";
		Object[] arguments = compiled.parameters().toArray();
		Long count = jdbc.queryForObject("select count(*)" + from, Long.class, arguments);
		List<CustomerId> sample = jdbc.query("select p.customer_id" + from + " order by p.customer_id limit 10",
				(rs, n) -> new CustomerId(rs.getObject(1, UUID.class)), arguments);
		Map<CustomerId, CustomerSummary> found = directory.findAll(sample);
		List<String> externalIds = sample.stream()
			.map(found::get)
			.filter(java.util.Objects::nonNull)
			.map(CustomerSummary::externalId)
			.toList();
		return new Preview(count == null ? 0 : count, externalIds);
	}

	@Transactional(readOnly = true)
	Page<String> members(UUID id, String cursor, Integer limit) {
		get(id);
		Page<CustomerId> page = memberships.members(id, cursor, Limit.of(limit));
		Map<CustomerId, CustomerSummary> found = directory.findAll(page.items());
		return new Page<>(page.items().stream().map(found::get).filter(java.util.Objects::nonNull)
			.map(CustomerSummary::externalId).toList(), page.nextCursor());
	}

	/** What adding customers to a static list did. */
	record Added(int added, int alreadyMembers) {
	}

	/**
	 * Adds customers (by external id) to a static segment; all or nothing.
	 * @param field the name errors use for the list, e.g. {@code customer_ids} or {@code rows}
	 */
	@Transactional
	Added add(UUID id, List<String> externalIds, String field) {
		SegmentRow segment = editable(id);
		if (segment.dynamic()) {
			throw texts.invalid("type", "segment.dynamic-only");
		}
		if (externalIds == null || externalIds.isEmpty()) {
			throw texts.invalid(field, "segment.required");
		}
		if (externalIds.size() > MAX_MEMBERS_PER_REQUEST) {
			throw texts.invalid(field, "segment.too-many-members", MAX_MEMBERS_PER_REQUEST);
		}
		Map<String, CustomerId> resolved = new LinkedHashMap<>();
		List<FieldError> errors = new ArrayList<>();
		for (int i = 0; i < externalIds.size(); i++) {
			String externalId = externalIds.get(i) == null ? "" : externalIds.get(i).strip();
			Optional<CustomerSummary> customer = directory.findByExternalId(externalId);
			if (customer.isEmpty()) {
				if (errors.size() < 50) {
					errors.add(new FieldError(field + "[" + i + "]", texts.get("segment.unknown-customer", externalId)));
				}
				continue;
			}
			resolved.put(externalId, directory.current(customer.get().id()));
		}
		if (!errors.isEmpty()) {
			throw texts.invalid(errors);
		}
		Instant now = clock.instant();
		int added = 0;
		for (CustomerId customer : new java.util.LinkedHashSet<>(resolved.values())) {
			if (memberships.enter(id, customer, now)) {
				added++;
				events.publishEvent(new SegmentMembershipChanged(id, customer, Change.ENTERED, now));
				evaluation.evaluate(customer, now);
			}
		}
		return new Added(added, resolved.size() - added);
	}

	@Transactional
	void remove(UUID id, String externalId) {
		SegmentRow segment = editable(id);
		if (segment.dynamic()) {
			throw texts.invalid("type", "segment.dynamic-only");
		}
		CustomerId customer = directory.findByExternalId(externalId)
			.map(CustomerSummary::id)
			.map(directory::current)
			.orElseThrow(() -> new CustomerNotFound(texts.get("segment.unknown-customer", externalId)));
		Instant now = clock.instant();
		if (!memberships.leave(id, customer, now)) {
			throw new CustomerNotFound(texts.get("segment.not-a-member", externalId));
		}
		events.publishEvent(new SegmentMembershipChanged(id, customer, Change.LEFT, now));
		evaluation.evaluate(customer, now);
	}

	/** Adds one customer to a static segment (other modules, through {@link SegmentLists}). */
	@Transactional
	boolean addMember(UUID id, CustomerId customer) {
		SegmentRow segment = editable(id);
		if (segment.dynamic()) {
			throw texts.invalid("type", "segment.dynamic-only");
		}
		CustomerId current = directory.current(customer);
		Instant now = clock.instant();
		if (!memberships.enter(id, current, now)) {
			return false;
		}
		events.publishEvent(new SegmentMembershipChanged(id, current, Change.ENTERED, now));
		evaluation.evaluate(current, now);
		return true;
	}

	/** Removes one customer from a static segment (other modules, through {@link SegmentLists}). */
	@Transactional
	boolean removeMember(UUID id, CustomerId customer) {
		SegmentRow segment = editable(id);
		if (segment.dynamic()) {
			throw texts.invalid("type", "segment.dynamic-only");
		}
		CustomerId current = directory.current(customer);
		Instant now = clock.instant();
		if (!memberships.leave(id, current, now)) {
			return false;
		}
		events.publishEvent(new SegmentMembershipChanged(id, current, Change.LEFT, now));
		evaluation.evaluate(current, now);
		return true;
	}

	/**
	 * Starts the full recompute of a dynamic segment as a job; call after the transaction that saved it.
	 * @return the job's id
	 */
	JobId startRecompute(UUID id, String actor) {
		return jobs.start("segment-recompute", Map.of("segment_id", id.toString()), actor, progress -> {
			progress.message(texts.get("segment.job.recompute"));
			int size = evaluation.recompute(id, clock.instant());
			return Map.of("size", size);
		});
	}

	private SegmentRow editable(UUID id) {
		SegmentRow segment = get(id);
		if (!segment.active()) {
			throw new SegmentArchived(texts.get("segment.archived"));
		}
		return segment;
	}

	private void checkTexts(String name, String description, List<FieldError> errors) {
		if (name == null || name.isBlank() || name.strip().length() > 200) {
			errors.add(new FieldError("name", texts.get("segment.name")));
		}
		if (description != null && description.length() > 2000) {
			errors.add(new FieldError("description", texts.get("segment.description")));
		}
	}

	/** Compiles the rule (naming every fault) and checks its {@code in_segment} references: known, active, acyclic. */
	private void checkRule(UUID self, JsonNode rule) {
		Instant now = clock.instant();
		SegmentRules.Compiled compiled = SegmentRules.compile(rule, java.time.LocalDate.now(clock), clock.getZone(), texts);
		Deque<UUID> pending = new ArrayDeque<>(compiled.segments());
		Set<UUID> seen = new HashSet<>();
		while (!pending.isEmpty()) {
			UUID next = pending.pop();
			if (next.equals(self)) {
				throw texts.invalid("rule", "segment.rule.cycle");
			}
			if (!seen.add(next)) {
				continue;
			}
			Optional<SegmentRow> referred = segments.find(next).filter(SegmentRow::active);
			if (referred.isEmpty()) {
				throw texts.invalid("rule", "segment.rule.unknown-segment");
			}
			if (referred.get().dynamic()) {
				pending.addAll(evaluation.compile(referred.get(), now).segments());
			}
		}
	}
}
