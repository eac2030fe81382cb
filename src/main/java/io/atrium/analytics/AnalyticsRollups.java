package io.atrium.analytics;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.atrium.tracking.TouchpointRecorded;
import io.atrium.tracking.TouchpointTimeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the analytics rollups: folds touchpoints into them as they are recorded, and rebuilds them from stored
 * history after bulk loads. A touchpoint is counted at most once, however often it is folded in.
 */
@Service
public class AnalyticsRollups {

	private static final Logger log = LoggerFactory.getLogger(AnalyticsRollups.class);

	static final int REBUILD_CHUNK = 5_000;

	private static final Instant END_OF_TIME = Instant.parse("9999-01-01T00:00:00Z");

	private final JdbcTemplate jdbc;

	private final TouchpointTimeline timeline;

	private final TransactionTemplate transactions;

	private final ZoneId zone;

	private final ActiveSummaries summaries;

	AnalyticsRollups(JdbcTemplate jdbc, TouchpointTimeline timeline, TransactionTemplate transactions, Clock clock,
			ActiveSummaries summaries) {
		this.jdbc = jdbc;
		this.summaries = summaries;
		this.timeline = timeline;
		this.transactions = new TransactionTemplate(transactions.getTransactionManager());
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.zone = clock.getZone();
	}

	/**
	 * Folds touchpoints into the rollups in the caller's transaction (or a new one). Touchpoints already counted
	 * are skipped.
	 * @param touchpoints never {@code null}
	 * @return how many were new to the rollups
	 */
	@Transactional
	public int apply(Collection<TouchpointRecorded> touchpoints) {
		return apply(touchpoints, true);
	}

	private int apply(Collection<TouchpointRecorded> touchpoints, boolean incremental) {
		List<TouchpointRecorded> fresh = uncounted(touchpoints);
		if (fresh.isEmpty()) {
			return 0;
		}
		Map<List<Object>, long[]> dailyTouches = new TreeMap<>(KEYS);
		Map<List<Object>, BigDecimal> dailyRevenue = new TreeMap<>(KEYS);
		Map<List<Object>, int[]> customerCounts = new TreeMap<>(KEYS);
		Map<List<Object>, BigDecimal> customerRevenue = new TreeMap<>(KEYS);
		Map<UUID, LocalDate> firstSeen = new TreeMap<>();
		List<TouchpointRecorded> campaignTouches = new ArrayList<>();
		List<TouchpointRecorded> purchases = new ArrayList<>();
		for (TouchpointRecorded touchpoint : fresh) {
			LocalDate day = touchpoint.occurredAt().atZone(zone).toLocalDate();
			String store = blankToEmpty(touchpoint.storeId());
			String campaign = blankToEmpty(touchpoint.campaignId());
			UUID customer = touchpoint.customerId().value();
			boolean purchase = isPurchase(touchpoint);
			BigDecimal revenue = purchase && touchpoint.amount() != null ? touchpoint.amount() : BigDecimal.ZERO;
			List<Object> dailyKey = List.of(day, touchpoint.touchpointType(), touchpoint.channel(), store, campaign);
			dailyTouches.computeIfAbsent(dailyKey, k -> new long[1])[0]++;
			dailyRevenue.merge(dailyKey, revenue, BigDecimal::add);
			List<Object> customerKey = List.of(day, customer, touchpoint.channel(), store);
			int[] counts = customerCounts.computeIfAbsent(customerKey, k -> new int[3]);
			counts[0]++;
			counts[1] += "store_visit".equals(touchpoint.touchpointType()) ? 1 : 0;
			counts[2] += purchase ? 1 : 0;
			customerRevenue.merge(customerKey, revenue, BigDecimal::add);
			firstSeen.merge(customer, day, (a, b) -> a.isBefore(b) ? a : b);
			if (!campaign.isEmpty()) {
				campaignTouches.add(touchpoint);
			}
			if (purchase) {
				purchases.add(touchpoint);
			}
		}
		// first: the customers' first-seen rows, in id order; their row locks serialise every fold of a customer
		jdbc.batchUpdate("""
				insert into analytics_first_seen (customer_id, first_day) values (?, ?)
				on conflict (customer_id) do update set first_day = least(analytics_first_seen.first_day, excluded.first_day)
				""", new ArrayList<>(firstSeen.entrySet()), 1000, (ps, entry) -> {
			ps.setObject(1, entry.getKey());
			ps.setObject(2, entry.getValue());
		});
		summaries.apply(fresh, zone, incremental);
		List<Map.Entry<List<Object>, long[]>> daily = new ArrayList<>(dailyTouches.entrySet());
		jdbc.batchUpdate("""
				insert into analytics_daily (day, touchpoint_type, channel, store_id, campaign_id, touches, revenue)
				values (?, ?, ?, ?, ?, ?, ?)
				on conflict (day, touchpoint_type, channel, store_id, campaign_id) do update
				set touches = analytics_daily.touches + excluded.touches,
				    revenue = analytics_daily.revenue + excluded.revenue
				""", daily, 1000, (ps, entry) -> {
			List<Object> key = entry.getKey();
			ps.setObject(1, key.get(0));
			ps.setString(2, (String) key.get(1));
			ps.setString(3, (String) key.get(2));
			ps.setString(4, (String) key.get(3));
			ps.setString(5, (String) key.get(4));
			ps.setLong(6, entry.getValue()[0]);
			ps.setBigDecimal(7, dailyRevenue.get(key));
		});
		List<Map.Entry<List<Object>, int[]>> customers = new ArrayList<>(customerCounts.entrySet());
		jdbc.batchUpdate("""
				insert into analytics_customer_day (day, customer_id, channel, store_id, touches, visits, purchases, revenue)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (day, customer_id, channel, store_id) do update
				set touches = analytics_customer_day.touches + excluded.touches,
				    visits = analytics_customer_day.visits + excluded.visits,
				    purchases = analytics_customer_day.purchases + excluded.purchases,
				    revenue = analytics_customer_day.revenue + excluded.revenue
				""", customers, 1000, (ps, entry) -> {
			List<Object> key = entry.getKey();
			ps.setObject(1, key.get(0));
			ps.setObject(2, key.get(1));
			ps.setString(3, (String) key.get(2));
			ps.setString(4, (String) key.get(3));
			ps.setInt(5, entry.getValue()[0]);
			ps.setInt(6, entry.getValue()[1]);
			ps.setInt(7, entry.getValue()[2]);
			ps.setBigDecimal(8, customerRevenue.get(key));
		});
		jdbc.batchUpdate("""
				insert into analytics_campaign_touch (touchpoint_id, campaign_id, customer_id, touchpoint_type, channel, occurred_at)
				values (?, ?, ?, ?, ?, ?) on conflict do nothing
				""", campaignTouches, 1000, (ps, t) -> {
			ps.setObject(1, t.touchpointId());
			ps.setString(2, t.campaignId());
			ps.setObject(3, t.customerId().value());
			ps.setString(4, t.touchpointType());
			ps.setString(5, t.channel());
			ps.setTimestamp(6, Timestamp.from(t.occurredAt()));
		});
		jdbc.batchUpdate("""
				insert into analytics_purchase (touchpoint_id, customer_id, occurred_at, amount)
				values (?, ?, ?, ?) on conflict do nothing
				""", purchases, 1000, (ps, t) -> {
			ps.setObject(1, t.touchpointId());
			ps.setObject(2, t.customerId().value());
			ps.setTimestamp(3, Timestamp.from(t.occurredAt()));
			ps.setBigDecimal(4, t.amount() == null ? BigDecimal.ZERO : t.amount());
		});
		if (incremental && (!campaignTouches.isEmpty() || !purchases.isEmpty())) {
			// the default attribution of the purchases these touches and purchases may change: up to 7 days later
			Set<UUID> affected = new java.util.TreeSet<>();
			Instant from = null;
			Instant to = null;
			for (List<TouchpointRecorded> list : List.of(campaignTouches, purchases)) {
				for (TouchpointRecorded t : list) {
					affected.add(t.customerId().value());
					from = from == null || t.occurredAt().isBefore(from) ? t.occurredAt() : from;
					to = to == null || t.occurredAt().isAfter(to) ? t.occurredAt() : to;
				}
			}
			summaries.credit(affected.toArray(UUID[]::new), from, to.plus(java.time.Duration.ofDays(7)), zone);
		}
		return fresh.size();
	}

	/**
	 * Folds every stored touchpoint that is not yet counted into the rollups, in chunks of one new transaction
	 * each (while the history is read in its own read-only transaction):
	 * run it after a bulk history load (which publishes no events). Safe to repeat and to run while events
	 * arrive: counted touchpoints are skipped.
	 * <p>
	 * Also usable as the backfill for data loaded with {@code TouchpointBulkLoad}.
	 * @return how many touchpoints were newly counted
	 */
	public long rebuild() {
		Instant earliest = timeline.earliest();
		if (earliest == null) {
			return 0;
		}
		long[] counted = { 0 };
		List<TouchpointRecorded> chunk = new ArrayList<>(REBUILD_CHUNK);
		timeline.stream(earliest, END_OF_TIME, touchpoint -> {
			chunk.add(touchpoint);
			if (chunk.size() == REBUILD_CHUNK) {
				counted[0] += applyInOwnTransaction(chunk);
				chunk.clear();
			}
		});
		counted[0] += applyInOwnTransaction(chunk);
		transactions.executeWithoutResult(status -> summaries.completeRebuild(zone));
		jdbc.execute("analyze analytics_campaign_day, analytics_purchase_credit, analytics_active_day, analytics_active_gap, analytics_day_total, analytics_store_day, "
				+ "analytics_channel_day");
		jdbc.execute("analyze analytics_daily, analytics_customer_day, analytics_first_seen, analytics_campaign_touch, "
				+ "analytics_purchase");
		log.info("analytics rollups rebuilt: {} touchpoints newly counted", counted[0]);
		return counted[0];
	}

	private int applyInOwnTransaction(List<TouchpointRecorded> chunk) {
		if (chunk.isEmpty()) {
			return 0;
		}
		List<TouchpointRecorded> copy = List.copyOf(chunk);
		Integer applied = transactions.execute(status -> apply(copy, false));
		return applied == null ? 0 : applied;
	}

	private List<TouchpointRecorded> uncounted(Collection<TouchpointRecorded> touchpoints) {
		if (touchpoints.isEmpty()) {
			return List.of();
		}
		UUID[] ids = touchpoints.stream().map(TouchpointRecorded::touchpointId).toArray(UUID[]::new);
		Set<UUID> inserted = new HashSet<>(jdbc.query(connection -> {
			var statement = connection.prepareStatement("""
					insert into analytics_counted (touchpoint_id) select unnest(?::uuid[])
					on conflict do nothing returning touchpoint_id""");
			statement.setArray(1, connection.createArrayOf("uuid", ids));
			return statement;
		}, (rs, n) -> rs.getObject(1, UUID.class)));
		List<TouchpointRecorded> fresh = new ArrayList<>();
		for (TouchpointRecorded touchpoint : touchpoints) {
			if (inserted.remove(touchpoint.touchpointId())) {
				fresh.add(touchpoint);
			}
		}
		return fresh;
	}

	static boolean isPurchase(TouchpointRecorded touchpoint) {
		return "purchase".equals(touchpoint.touchpointType());
	}

	private static String blankToEmpty(String value) {
		return value == null || value.isBlank() ? "" : value;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final java.util.Comparator<List<Object>> KEYS = (a, b) -> {
		for (int i = 0; i < a.size(); i++) {
			int c = ((Comparable) a.get(i)).compareTo(b.get(i));
			if (c != 0) {
				return c;
			}
		}
		return 0;
	};
}
