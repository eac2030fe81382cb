package io.atrium.segment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.atrium.segment.SegmentMembershipChanged.Change;
import io.atrium.shared.CustomerId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps memberships of dynamic segments true: one customer at a time when its facts change (the compiled rule
 * restricted to that customer), set-based for a whole segment when it is created or edited, and again for a
 * customer when one of its timers falls due (a fact left or entered a window). Every change is stored and
 * published as {@link SegmentMembershipChanged}.
 */
@Service
class SegmentEvaluation {

	private final JdbcTemplate jdbc;

	private final Segments segments;

	private final Memberships memberships;

	private final SegmentTexts texts;

	private final ApplicationEventPublisher events;

	private final ZoneId zone;

	private static final long SEGMENTS_FRESH_NANOS = 2_000_000_000L;

	private record CachedSegments(long readAt, List<SegmentRow> segments) {
	}

	private volatile CachedSegments cached;

	SegmentEvaluation(JdbcTemplate jdbc, Segments segments, Memberships memberships, SegmentTexts texts,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.segments = segments;
		this.memberships = memberships;
		this.texts = texts;
		this.events = events;
		this.zone = clock.getZone();
	}

	ZoneId zone() {
		return zone;
	}

	SegmentRules.Compiled compile(SegmentRow segment, Instant now) {
		return SegmentRules.compile(segment.rule(), LocalDate.ofInstant(now, zone), zone, texts);
	}

	/**
	 * Re-evaluates one customer against every active dynamic segment, segments referred to by {@code in_segment}
	 * first.
	 */
	@Transactional
	void evaluate(CustomerId customer, Instant now) {
		evaluate(List.of(customer), now, rule -> true);
	}

	/**
	 * Re-evaluates customers against every active dynamic segment, but only when at least one segment's rule
	 * satisfies {@code relevant} (e.g. compares scores), segments referred to by {@code in_segment} first.
	 * @return whether any segment was relevant
	 */
	@Transactional
	boolean evaluate(java.util.Collection<CustomerId> customers, Instant now,
			java.util.function.Predicate<SegmentRules.Compiled> relevant) {
		Map<SegmentRow, SegmentRules.Compiled> rules = new LinkedHashMap<>();
		boolean any = false;
		for (SegmentRow segment : activeSegments()) {
			if (segment.dynamic()) {
				SegmentRules.Compiled rule = compile(segment, now);
				rules.put(segment, rule);
				any |= relevant.test(rule);
			}
		}
		if (!any) {
			return false;
		}
		Map<SegmentRow, SegmentRules.Compiled> ordered = dependencyOrder(rules);
		lock(customers);
		for (CustomerId customer : customers) {
			for (Map.Entry<SegmentRow, SegmentRules.Compiled> entry : ordered.entrySet()) {
				evaluate(entry.getKey().id(), entry.getValue(), customer, now);
			}
		}
		return true;
	}

	/**
	 * Serialises evaluations of the same customers until the transaction ends (a transaction-scoped advisory lock
	 * per customer, taken in id order), so that two listeners cannot evaluate one customer against facts the other
	 * is changing: the second one waits and then reads the committed facts. Re-entrant within a transaction.
	 */
	void lock(java.util.Collection<CustomerId> customers) {
		customers.stream()
			.map(CustomerId::value)
			.distinct()
			.sorted()
			.forEach(id -> jdbc.queryForObject("select pg_advisory_xact_lock(9, hashtext(?))::text", String.class,
					id.toString()));
	}

	/**
	 * The active segments, re-read at most every {@link #SEGMENTS_FRESH_NANOS} (edits on this node refresh at once
	 * through {@link #forgetSegments()}; other nodes see them within that time).
	 */
	private List<SegmentRow> activeSegments() {
		CachedSegments cached = this.cached;
		long nanos = System.nanoTime();
		if (cached == null || nanos - cached.readAt() > SEGMENTS_FRESH_NANOS) {
			cached = new CachedSegments(nanos, segments.active());
			this.cached = cached;
		}
		return cached.segments();
	}

	/** Forgets the cached segment list after a definition changed, now and once the change commits. */
	void forgetSegments() {
		this.cached = null;
		if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
			org.springframework.transaction.support.TransactionSynchronizationManager
				.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
					@Override
					public void afterCompletion(int status) {
						cached = null;
					}
				});
		}
	}

	/** Evaluates one compiled rule for one customer, stores and publishes a change, and sets its timer. */
	void evaluate(UUID segment, SegmentRules.Compiled rule, CustomerId customer, Instant now) {
		List<Object> arguments = new ArrayList<>();
		arguments.add(customer.value());
		arguments.addAll(rule.parameters());
		boolean qualifies = Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from segment_profile p where p.customer_id = ?"
				+ " and p.status = 'active' and (" + rule.predicate() + "))", Boolean.class, arguments.toArray()));
		if (qualifies) {
			if (memberships.enter(segment, customer, now)) {
				events.publishEvent(new SegmentMembershipChanged(segment, customer, Change.ENTERED, now));
			}
		}
		else if (memberships.leave(segment, customer, now)) {
			events.publishEvent(new SegmentMembershipChanged(segment, customer, Change.LEFT, now));
		}
		if (!rule.windows().isEmpty()) {
			memberships.setTimer(segment, customer, qualifies || rule.admitsWithTime()
					? nextChange(customer, rule.windows(), now) : Optional.empty());
		}
	}

	/**
	 * @return the start of the first day on which one of the customer's facts leaves (or a window's end reaches
	 * past) one of the windows, or empty when no fact is inside any window
	 */
	Optional<Instant> nextChange(CustomerId customer, Set<Integer> windows, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, zone);
		LocalDate next = jdbc.queryForObject("""
				select min(f.day + w) from segment_fact f cross join unnest(?) w
				where f.customer_id = ? and f.day + w > ?
				""", LocalDate.class, windows.toArray(Integer[]::new), customer.value(), today);
		return Optional.ofNullable(next).map(day -> day.atStartOfDay(zone).toInstant());
	}

	/**
	 * Recomputes a segment over every customer in one set-based statement, then its timers, then the segments that
	 * refer to it.
	 * @return the segment's size afterwards
	 */
	@Transactional
	int recompute(UUID id, Instant now) {
		int size = recomputeOne(id, now);
		Set<UUID> done = new LinkedHashSet<>();
		done.add(id);
		recomputeDependents(id, now, done);
		return size;
	}

	private void recomputeDependents(UUID changed, Instant now, Set<UUID> done) {
		for (SegmentRow segment : segments.active()) {
			if (segment.dynamic() && !done.contains(segment.id()) && compile(segment, now).segments().contains(changed)) {
				done.add(segment.id());
				recomputeOne(segment.id(), now);
				recomputeDependents(segment.id(), now, done);
			}
		}
	}

	private int recomputeOne(UUID id, Instant now) {
		SegmentRow segment = segments.find(id).orElseThrow();
		if (!segment.active() || !segment.dynamic()) {
			return memberships.size(id);
		}
		SegmentRules.Compiled rule = compile(segment, now);
		Timestamp at = Timestamp.from(now);
		List<Object> arguments = new ArrayList<>(rule.parameters());
		arguments.addAll(List.of(at, id, id, at, id));
		// on conflict: a live update entered the customer meanwhile; they are a member and were announced once
		jdbc.query("""
				with target as (
				    select p.customer_id from segment_profile p where p.status = 'active' and (%s)
				), gone as (
				    update segment_membership m set left_at = ? where m.segment_id = ? and m.left_at is null
				    and not exists (select 1 from target t where t.customer_id = m.customer_id)
				    returning m.customer_id
				), came as (
				    insert into segment_membership (segment_id, customer_id, entered_at)
				    select ?, t.customer_id, ? from target t where not exists (
				        select 1 from segment_membership m where m.segment_id = ? and m.customer_id = t.customer_id
				        and m.left_at is null)
				    on conflict do nothing
				    returning customer_id
				)
				select 'LEFT' as change, customer_id from gone union all select 'ENTERED', customer_id from came
				""".formatted(rule.predicate()), rs -> {
			events.publishEvent(new SegmentMembershipChanged(id, new CustomerId(rs.getObject(2, UUID.class)),
					Change.valueOf(rs.getString(1)), now));
		}, arguments.toArray());
		jdbc.update("delete from segment_timer where segment_id = ?", id);
		if (!rule.windows().isEmpty()) {
			String membersOnly = rule.admitsWithTime() ? "" : " and exists (select 1 from segment_membership m"
					+ " where m.segment_id = ? and m.customer_id = f.customer_id and m.left_at is null)";
			List<Object> timerArguments = new ArrayList<>(List.of(id, zone.getId(), rule.windows().toArray(Integer[]::new),
					LocalDate.ofInstant(now, zone)));
			if (!rule.admitsWithTime()) {
				timerArguments.add(id);
			}
			jdbc.update("""
					insert into segment_timer (segment_id, customer_id, due_at)
					select ?, f.customer_id, timezone(?, min(f.day + w)::timestamp)
					from segment_fact f cross join unnest(?) w where f.day + w > ?%s group by f.customer_id
					""".formatted(membersOnly), timerArguments.toArray());
		}
		int size = memberships.size(id);
		segments.computed(id, size, now);
		return size;
	}

	/** Closes every membership of an archived segment and forgets its timers. */
	@Transactional
	void closeAll(UUID id, Instant now) {
		jdbc.query("update segment_membership set left_at = ? where segment_id = ? and left_at is null returning customer_id",
				rs -> {
					events.publishEvent(new SegmentMembershipChanged(id, new CustomerId(rs.getObject(1, UUID.class)),
							Change.LEFT, now));
				}, Timestamp.from(now), id);
		jdbc.update("delete from segment_timer where segment_id = ?", id);
	}

	static final int SWEEP_BATCH = 500;

	/**
	 * Re-evaluates the customers of up to {@link #SWEEP_BATCH} timers that fell due, in one transaction.
	 * @return how many timers were handled
	 */
	@Transactional
	int sweepBatch(Instant now) {
		List<Memberships.Due> due = memberships.takeDue(now, SWEEP_BATCH);
		Set<CustomerId> customers = new LinkedHashSet<>();
		due.forEach(timer -> customers.add(timer.customer()));
		lock(customers);
		customers.forEach(customer -> evaluate(customer, now));
		return due.size();
	}

	/** @return the rules ordered so that every segment comes after the segments its rule refers to */
	static Map<SegmentRow, SegmentRules.Compiled> dependencyOrder(Map<SegmentRow, SegmentRules.Compiled> rules) {
		Map<UUID, SegmentRow> byId = new HashMap<>();
		rules.keySet().forEach(segment -> byId.put(segment.id(), segment));
		Map<SegmentRow, SegmentRules.Compiled> ordered = new LinkedHashMap<>();
		Set<UUID> visiting = new LinkedHashSet<>();
		for (SegmentRow segment : rules.keySet()) {
			visit(segment, rules, byId, ordered, visiting);
		}
		return ordered;
	}

	private static void visit(SegmentRow segment, Map<SegmentRow, SegmentRules.Compiled> rules, Map<UUID, SegmentRow> byId,
			Map<SegmentRow, SegmentRules.Compiled> ordered, Set<UUID> visiting) {
		if (ordered.containsKey(segment) || !visiting.add(segment.id())) {
			return;
		}
		for (UUID dependency : rules.get(segment).segments()) {
			SegmentRow other = byId.get(dependency);
			if (other != null) {
				visit(other, rules, byId, ordered, visiting);
			}
		}
		ordered.put(segment, rules.get(segment));
	}
}
