package io.atrium.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.atrium.shared.DateRange;
import io.atrium.tracking.TouchpointRecorded;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The small summaries whole-mall reports read: per-day totals (mall, store, channel) and, per scope of activity,
 * the "gap" summary that counts distinct customers over any range of days by reading at most one row per (day,
 * previous active day) instead of one row per customer and day.
 * <p>
 * A customer active in scope {@code s} on days d1 &lt; d2 &lt; … contributes one customer to the gap rows (s, d1,
 * 0001-01-01), (s, d2, d1), (s, d3, d2)…. The customers active between days A and B are the sum over rows with
 * day in A..B and previous day before A: exactly one row per such customer qualifies (the first of their days in
 * A..B). Kept incrementally as touchpoints are folded in (under the customer's {@code analytics_first_seen} row
 * lock, so two folds of one customer never interleave), and recomputed set-based after a rebuild.
 */
@Component
class ActiveSummaries {

	static final LocalDate NEVER = LocalDate.of(1, 1, 1);

	static final String ANY = "a";

	static final String PURCHASE = "p";

	static final String ANY_CAMPAIGN = "r";

	private final JdbcTemplate jdbc;

	ActiveSummaries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	static String campaign(String campaign) {
		return "c:" + campaign;
	}

	static String campaignChannel(String campaign, String channel) {
		return "m:" + campaign.length() + ":" + campaign + channel;
	}

	static String channel(String channel) {
		return "h:" + channel;
	}

	/** The scopes a touchpoint makes its customer active in. */
	static List<String> scopes(TouchpointRecorded touchpoint) {
		List<String> scopes = new ArrayList<>(6);
		scopes.add(ANY);
		if (AnalyticsRollups.isPurchase(touchpoint)) {
			scopes.add(PURCHASE);
		}
		String campaign = touchpoint.campaignId();
		if (campaign != null && !campaign.isBlank()) {
			scopes.add(ANY_CAMPAIGN);
			scopes.add(campaign(campaign));
			scopes.add(channel(touchpoint.channel()));
			scopes.add(campaignChannel(campaign, touchpoint.channel()));
		}
		return scopes;
	}

	private record GapKey(String scope, LocalDate day, LocalDate previous) implements Comparable<GapKey> {

		@Override
		public int compareTo(GapKey other) {
			int c = scope.compareTo(other.scope);
			if (c == 0) {
				c = day.compareTo(other.day);
			}
			return c != 0 ? c : previous.compareTo(other.previous);
		}
	}

	private record ActiveKey(UUID customer, String scope) {
	}

	/**
	 * Folds touchpoints (each new to the rollups) into the summaries. Call after the customers'
	 * {@code analytics_first_seen} rows are locked.
	 * @param incremental {@code false} during a rebuild, which recomputes the gap summary afterwards
	 */
	void apply(List<TouchpointRecorded> fresh, ZoneId zone, boolean incremental) {
		Map<LocalDate, long[]> dayCounts = new TreeMap<>();
		Map<LocalDate, BigDecimal> dayRevenue = new HashMap<>();
		Map<List<Object>, long[]> storeCounts = new TreeMap<>(Comparator.comparing((List<Object> k) -> (LocalDate) k.get(0))
			.thenComparing(k -> (String) k.get(1)));
		Map<List<Object>, BigDecimal> storeRevenue = new HashMap<>();
		Map<List<Object>, long[]> channelCounts = new TreeMap<>(Comparator.comparing((List<Object> k) -> (LocalDate) k.get(0))
			.thenComparing(k -> (String) k.get(1)));
		Map<List<Object>, BigDecimal> channelRevenue = new HashMap<>();
		Map<List<Object>, long[]> campaignCounts = new TreeMap<>(Comparator.comparing((List<Object> k) -> (LocalDate) k.get(0))
			.thenComparing(k -> (String) k.get(1))
			.thenComparing(k -> (String) k.get(2))
			.thenComparing(k -> (String) k.get(3)));
		Map<ActiveKey, Set<LocalDate>> touched = new HashMap<>();
		for (TouchpointRecorded touchpoint : fresh) {
			LocalDate day = touchpoint.occurredAt().atZone(zone).toLocalDate();
			boolean purchase = AnalyticsRollups.isPurchase(touchpoint);
			boolean visit = "store_visit".equals(touchpoint.touchpointType());
			BigDecimal revenue = purchase && touchpoint.amount() != null ? touchpoint.amount() : BigDecimal.ZERO;
			long[] counts = dayCounts.computeIfAbsent(day, k -> new long[3]);
			counts[0]++;
			counts[1] += visit ? 1 : 0;
			counts[2] += purchase ? 1 : 0;
			dayRevenue.merge(day, revenue, BigDecimal::add);
			String store = touchpoint.storeId();
			if (store != null && !store.isBlank()) {
				List<Object> key = List.of(day, store);
				long[] s = storeCounts.computeIfAbsent(key, k -> new long[3]);
				s[0]++;
				s[1] += visit ? 1 : 0;
				s[2] += purchase ? 1 : 0;
				storeRevenue.merge(key, revenue, BigDecimal::add);
			}
			List<Object> channelKey = List.of(day, touchpoint.channel());
			channelCounts.computeIfAbsent(channelKey, k -> new long[1])[0]++;
			channelRevenue.merge(channelKey, revenue, BigDecimal::add);
			if (touchpoint.campaignId() != null && !touchpoint.campaignId().isBlank()) {
				campaignCounts.computeIfAbsent(
						List.of(day, touchpoint.campaignId(), touchpoint.touchpointType(), touchpoint.channel()),
						k -> new long[1])[0]++;
			}
			for (String scope : scopes(touchpoint)) {
				touched.computeIfAbsent(new ActiveKey(touchpoint.customerId().value(), scope), k -> new TreeSet<>())
					.add(day);
			}
		}
		jdbc.batchUpdate("""
				insert into analytics_day_total (day, touches, visits, purchases, revenue) values (?, ?, ?, ?, ?)
				on conflict (day) do update set touches = analytics_day_total.touches + excluded.touches,
				    visits = analytics_day_total.visits + excluded.visits,
				    purchases = analytics_day_total.purchases + excluded.purchases,
				    revenue = analytics_day_total.revenue + excluded.revenue""", new ArrayList<>(dayCounts.entrySet()),
				1000, (ps, e) -> {
					ps.setObject(1, e.getKey());
					ps.setLong(2, e.getValue()[0]);
					ps.setLong(3, e.getValue()[1]);
					ps.setLong(4, e.getValue()[2]);
					ps.setBigDecimal(5, dayRevenue.get(e.getKey()));
				});
		jdbc.batchUpdate("""
				insert into analytics_store_day (day, store_id, touches, visits, purchases, revenue) values (?, ?, ?, ?, ?, ?)
				on conflict (day, store_id) do update set touches = analytics_store_day.touches + excluded.touches,
				    visits = analytics_store_day.visits + excluded.visits,
				    purchases = analytics_store_day.purchases + excluded.purchases,
				    revenue = analytics_store_day.revenue + excluded.revenue""", new ArrayList<>(storeCounts.entrySet()),
				1000, (ps, e) -> {
					ps.setObject(1, e.getKey().get(0));
					ps.setString(2, (String) e.getKey().get(1));
					ps.setLong(3, e.getValue()[0]);
					ps.setLong(4, e.getValue()[1]);
					ps.setLong(5, e.getValue()[2]);
					ps.setBigDecimal(6, storeRevenue.get(e.getKey()));
				});
		jdbc.batchUpdate("""
				insert into analytics_channel_day (day, channel, touches, revenue) values (?, ?, ?, ?)
				on conflict (day, channel) do update set touches = analytics_channel_day.touches + excluded.touches,
				    revenue = analytics_channel_day.revenue + excluded.revenue""", new ArrayList<>(channelCounts.entrySet()),
				1000, (ps, e) -> {
					ps.setObject(1, e.getKey().get(0));
					ps.setString(2, (String) e.getKey().get(1));
					ps.setLong(3, e.getValue()[0]);
					ps.setBigDecimal(4, channelRevenue.get(e.getKey()));
				});
		jdbc.batchUpdate("""
				insert into analytics_campaign_day (day, campaign_id, touchpoint_type, channel, touches) values (?, ?, ?, ?, ?)
				on conflict (day, campaign_id, touchpoint_type, channel) do update
				set touches = analytics_campaign_day.touches + excluded.touches""",
				new ArrayList<>(campaignCounts.entrySet()), 1000, (ps, e) -> {
					ps.setObject(1, e.getKey().get(0));
					ps.setString(2, (String) e.getKey().get(1));
					ps.setString(3, (String) e.getKey().get(2));
					ps.setString(4, (String) e.getKey().get(3));
					ps.setLong(5, e.getValue()[0]);
				});
		Map<ActiveKey, TreeSet<LocalDate>> known = incremental ? knownDays(touched.keySet()) : Map.of();
		Map<GapKey, long[]> deltas = new TreeMap<>();
		List<Object[]> newDays = new ArrayList<>();
		touched.forEach((key, days) -> {
			TreeSet<LocalDate> before = known.getOrDefault(key, new TreeSet<>());
			TreeSet<LocalDate> after = new TreeSet<>(before);
			boolean changed = false;
			for (LocalDate day : days) {
				if (after.add(day)) {
					changed = true;
					newDays.add(new Object[] { key.customer(), key.scope(), day });
				}
			}
			if (changed && incremental) {
				contribute(key.scope(), before, -1, deltas);
				contribute(key.scope(), after, 1, deltas);
			}
		});
		if (incremental) {
			newDays.sort(Comparator.comparing((Object[] row) -> (UUID) row[0])
				.thenComparing(row -> (String) row[1])
				.thenComparing(row -> (LocalDate) row[2]));
			jdbc.batchUpdate("insert into analytics_active_day (customer_id, scope, day) values (?, ?, ?) on conflict do nothing",
					newDays, 1000, (ps, row) -> {
						ps.setObject(1, row[0]);
						ps.setString(2, (String) row[1]);
						ps.setObject(3, row[2]);
					});
		}
		upsertGaps(deltas);
	}

	private void upsertGaps(Map<GapKey, long[]> deltas) {
		List<Map.Entry<GapKey, long[]>> changes = new ArrayList<>();
		for (Map.Entry<GapKey, long[]> delta : deltas.entrySet()) {
			if (delta.getValue()[0] != 0) {
				changes.add(delta);
			}
		}
		jdbc.batchUpdate("""
				insert into analytics_active_gap (scope, day, previous_day, customers) values (?, ?, ?, ?)
				on conflict (scope, day, previous_day) do update set customers = analytics_active_gap.customers + excluded.customers""",
				changes, 1000, (ps, e) -> {
					ps.setString(1, e.getKey().scope());
					ps.setObject(2, e.getKey().day());
					ps.setObject(3, e.getKey().previous());
					ps.setLong(4, e.getValue()[0]);
				});
	}

	private static void contribute(String scope, TreeSet<LocalDate> days, int sign, Map<GapKey, long[]> deltas) {
		LocalDate previous = NEVER;
		for (LocalDate day : days) {
			deltas.computeIfAbsent(new GapKey(scope, day, previous), k -> new long[1])[0] += sign;
			previous = day;
		}
	}

	private Map<ActiveKey, TreeSet<LocalDate>> knownDays(Set<ActiveKey> keys) {
		Set<UUID> customers = new HashSet<>();
		keys.forEach(key -> customers.add(key.customer()));
		UUID[] ids = customers.toArray(UUID[]::new);
		Map<ActiveKey, TreeSet<LocalDate>> known = new HashMap<>();
		jdbc.query(connection -> {
			var statement = connection.prepareStatement(
					"select customer_id, scope, day from analytics_active_day where customer_id = any(?)");
			statement.setArray(1, connection.createArrayOf("uuid", ids));
			return statement;
		}, (RowCallbackHandler) rs -> {
			ActiveKey key = new ActiveKey(rs.getObject(1, UUID.class), rs.getString(2));
			if (keys.contains(key)) {
				known.computeIfAbsent(key, k -> new TreeSet<>()).add(rs.getObject(3, LocalDate.class));
			}
		});
		return known;
	}

	/**
	 * Completes a rebuild, set-based, in the caller's transaction: adds the active days of everything folded in
	 * (a rebuild's folds skip them), recomputes the gap summary and every purchase's credit. Holds a share lock on
	 * {@code analytics_first_seen} meanwhile, so a concurrent fold either committed before (and is included) or
	 * waits at its first statement and then applies its change on top of the recomputed summaries.
	 * @param zone the mall's zone (campaign touches are stored as instants)
	 */
	void completeRebuild(ZoneId zone) {
		jdbc.execute("lock table analytics_first_seen in share mode");
		jdbc.update("""
				insert into analytics_active_day (customer_id, scope, day)
				select distinct customer_id, 'a', day from analytics_customer_day
				union all
				select distinct customer_id, 'p', day from analytics_customer_day where purchases > 0
				on conflict do nothing""");
		jdbc.update("""
				insert into analytics_active_day (customer_id, scope, day)
				select distinct t.customer_id, s.scope, (t.occurred_at at time zone ?)::date
				from analytics_campaign_touch t
				cross join lateral (values ('r'), ('c:' || t.campaign_id), ('h:' || t.channel),
				                           ('m:' || length(t.campaign_id) || ':' || t.campaign_id || t.channel)) s(scope)
				on conflict do nothing""", zone.getId());
		recomputeCredits(zone);
		recomputeGaps(zone);
	}

	/** Recomputes the gap summary from the active days and credits (callers hold off concurrent folds). */
	void recomputeGaps(ZoneId zone) {
		jdbc.execute("lock table analytics_active_gap in exclusive mode");
		jdbc.execute("delete from analytics_active_gap");
		jdbc.execute("""
				insert into analytics_active_gap (scope, day, previous_day, customers)
				select scope, day, previous_day, count(*) from (
				    select scope, day,
				           coalesce(lag(day) over (partition by customer_id, scope order by day), date '0001-01-01') as previous_day
				    from analytics_active_day) g
				group by scope, day, previous_day""");
		jdbc.update("""
				insert into analytics_active_gap (scope, day, previous_day, customers)
				select 'v:' || campaign_id, day, previous_day, count(*) from (
				    select campaign_id, day,
				           coalesce(lag(day) over (partition by customer_id, campaign_id order by day), date '0001-01-01') as previous_day
				    from (select distinct customer_id, campaign_id, (occurred_at at time zone ?)::date as day
				          from analytics_purchase_credit) d) g
				group by 1, 2, 3""", zone.getId());
	}

	/** Re-credits every purchase and sums the credits per day (callers hold off concurrent folds). */
	void recomputeCredits(ZoneId zone) {
		jdbc.execute("lock table analytics_purchase_credit, analytics_credit_day in exclusive mode");
		jdbc.execute("delete from analytics_purchase_credit");
		jdbc.execute(CREDIT);
		jdbc.execute("delete from analytics_credit_day");
		jdbc.update("""
				insert into analytics_credit_day (day, campaign_id, channel, conversions, revenue)
				select (occurred_at at time zone ?)::date, campaign_id, channel, count(*), sum(amount)
				from analytics_purchase_credit group by 1, 2, 3""", zone.getId());
	}

	private static final String CREDIT = """
			insert into analytics_purchase_credit (purchase_id, customer_id, occurred_at, amount, campaign_id, channel)
			select p.touchpoint_id, p.customer_id, p.occurred_at, p.amount, t.campaign_id, t.channel
			from analytics_purchase p
			cross join lateral (
			    select c.campaign_id, c.channel from analytics_campaign_touch c
			    where c.customer_id = p.customer_id and c.occurred_at <= p.occurred_at
			      and c.occurred_at >= p.occurred_at - interval '7 days'
			    order by c.occurred_at desc, c.touchpoint_id desc limit 1) t
			""";

	/**
	 * Re-credits the purchases of some customers between two instants under the default attribution (last touch,
	 * 7 days): after their purchases or campaign touches in that span arrived.
	 */
	void credit(UUID[] customers, java.time.Instant from, java.time.Instant to, ZoneId zone) {
		if (customers.length == 0) {
			return;
		}
		List<Object[]> before = credits(customers, zone);
		java.sql.Timestamp start = java.sql.Timestamp.from(from);
		java.sql.Timestamp end = java.sql.Timestamp.from(to);
		jdbc.update(connection -> {
			var statement = connection.prepareStatement("""
					delete from analytics_purchase_credit where customer_id = any(?) and occurred_at between ? and ?""");
			statement.setArray(1, connection.createArrayOf("uuid", customers));
			statement.setTimestamp(2, start);
			statement.setTimestamp(3, end);
			return statement;
		});
		jdbc.update(connection -> {
			var statement = connection.prepareStatement(CREDIT + " where p.customer_id = any(?) and p.occurred_at between ? and ?");
			statement.setArray(1, connection.createArrayOf("uuid", customers));
			statement.setTimestamp(2, start);
			statement.setTimestamp(3, end);
			return statement;
		});
		List<Object[]> after = credits(customers, zone);
		// per day, campaign and channel: conversions and revenue, after minus before
		Map<List<Object>, Object[]> days = new TreeMap<>(Comparator.comparing((List<Object> k) -> (LocalDate) k.get(0))
			.thenComparing(k -> (String) k.get(1))
			.thenComparing(k -> (String) k.get(2)));
		// converted customers: per customer and campaign, the days with a credited purchase, before and after
		Map<List<Object>, TreeSet<LocalDate>[]> converted = new HashMap<>();
		for (int side = 0; side < 2; side++) {
			int sign = side == 0 ? -1 : 1;
			for (Object[] row : side == 0 ? before : after) {
				Object[] sums = days.computeIfAbsent(List.of(row[2], row[1], row[3]),
						k -> new Object[] { 0L, BigDecimal.ZERO });
				sums[0] = (Long) sums[0] + sign;
				sums[1] = ((BigDecimal) sums[1]).add(sign < 0 ? ((BigDecimal) row[4]).negate() : (BigDecimal) row[4]);
				@SuppressWarnings("unchecked")
				TreeSet<LocalDate>[] sets = converted.computeIfAbsent(List.of(row[0], row[1]),
						k -> new TreeSet[] { new TreeSet<>(), new TreeSet<>() });
				sets[side].add((LocalDate) row[2]);
			}
		}
		List<Map.Entry<List<Object>, Object[]>> changes = new ArrayList<>();
		days.entrySet().forEach(e -> {
			if ((Long) e.getValue()[0] != 0 || ((BigDecimal) e.getValue()[1]).signum() != 0) {
				changes.add(e);
			}
		});
		jdbc.batchUpdate("""
				insert into analytics_credit_day (day, campaign_id, channel, conversions, revenue) values (?, ?, ?, ?, ?)
				on conflict (day, campaign_id, channel) do update
				set conversions = analytics_credit_day.conversions + excluded.conversions,
				    revenue = analytics_credit_day.revenue + excluded.revenue""", changes, 1000, (ps, e) -> {
			ps.setObject(1, e.getKey().get(0));
			ps.setString(2, (String) e.getKey().get(1));
			ps.setString(3, (String) e.getKey().get(2));
			ps.setLong(4, (Long) e.getValue()[0]);
			ps.setBigDecimal(5, (BigDecimal) e.getValue()[1]);
		});
		Map<GapKey, long[]> deltas = new TreeMap<>();
		converted.forEach((key, sets) -> {
			if (!sets[0].equals(sets[1])) {
				String scope = converted((String) key.get(1));
				contribute(scope, sets[0], -1, deltas);
				contribute(scope, sets[1], 1, deltas);
			}
		});
		upsertGaps(deltas);
	}

	static String converted(String campaign) {
		return "v:" + campaign;
	}

	/** customer, campaign, day, channel, amount of every kept credit of these customers. */
	private List<Object[]> credits(UUID[] customers, ZoneId zone) {
		return jdbc.query(connection -> {
			var statement = connection.prepareStatement("""
					select customer_id, campaign_id, occurred_at, channel, amount from analytics_purchase_credit
					where customer_id = any(?)""");
			statement.setArray(1, connection.createArrayOf("uuid", customers));
			return statement;
		}, (rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getString(2),
				rs.getObject(3, java.time.OffsetDateTime.class).toInstant().atZone(zone).toLocalDate(), rs.getString(4),
				rs.getBigDecimal(5) });
	}

	// ---- reads ----

	/** Distinct customers per range for one scope: active, first-ever-active (new) and, for ANY, purchasers. */
	record Distinct(long active, long first, long purchasers) {
	}

	/** Distinct customers (any activity), first-timers and purchasers for each range, in one statement. */
	List<Distinct> distinct(List<DateRange> ranges) {
		LocalDate[] froms = ranges.stream().map(DateRange::from).toArray(LocalDate[]::new);
		LocalDate[] tos = ranges.stream().map(DateRange::to).toArray(LocalDate[]::new);
		Map<Long, Distinct> byIndex = new HashMap<>();
		jdbc.query(connection -> {
			var statement = connection.prepareStatement("""
					select r.i,
					       coalesce(sum(g.customers) filter (where g.scope = 'a'), 0),
					       coalesce(sum(g.customers) filter (where g.scope = 'a' and g.previous_day = date '0001-01-01'), 0),
					       coalesce(sum(g.customers) filter (where g.scope = 'p'), 0)
					from unnest(?::date[], ?::date[]) with ordinality as r(f, t, i)
					left join analytics_active_gap g on g.scope in ('a', 'p') and g.day between r.f and r.t
					     and g.previous_day < r.f
					group by r.i""");
			statement.setArray(1, dates(connection, froms));
			statement.setArray(2, dates(connection, tos));
			return statement;
		}, (RowCallbackHandler) rs -> byIndex.put(rs.getLong(1), new Distinct(rs.getLong(2), rs.getLong(3), rs.getLong(4))));
		List<Distinct> result = new ArrayList<>();
		for (long i = 1; i <= ranges.size(); i++) {
			result.add(byIndex.get(i));
		}
		return result;
	}

	/** Distinct customers active in each bucket [starts[i], ends[i]], by bucket start. */
	Map<LocalDate, Long> activeByBucket(List<LocalDate> starts, List<LocalDate> ends) {
		Map<LocalDate, Long> active = new HashMap<>();
		jdbc.query(connection -> {
			var statement = connection.prepareStatement("""
					select r.f, coalesce(sum(g.customers), 0)
					from unnest(?::date[], ?::date[]) as r(f, t)
					left join analytics_active_gap g on g.scope = 'a' and g.day between r.f and r.t and g.previous_day < r.f
					group by r.f""");
			statement.setArray(1, dates(connection, starts.toArray(LocalDate[]::new)));
			statement.setArray(2, dates(connection, ends.toArray(LocalDate[]::new)));
			return statement;
		}, (RowCallbackHandler) rs -> active.put(rs.getObject(1, LocalDate.class), rs.getLong(2)));
		return active;
	}

	/**
	 * Distinct customers per campaign scope over a range: keys are scopes ({@code r}, {@code c:…}, {@code h:…},
	 * {@code m:…}).
	 */
	Map<String, Long> campaignReach(DateRange range) {
		Map<String, Long> reach = new HashMap<>();
		jdbc.query("""
				select scope, sum(customers) from analytics_active_gap
				where (scope = 'r' or (scope >= 'c:' and scope < 'c;') or (scope >= 'h:' and scope < 'h;')
				       or (scope >= 'm:' and scope < 'm;') or (scope >= 'v:' and scope < 'v;'))
				  and day between ? and ? and previous_day < ?
				group by scope""", (RowCallbackHandler) rs -> reach.put(rs.getString(1), rs.getLong(2)), range.from(),
				range.to(), range.from());
		return reach;
	}

	/** Totals per day: touches, visits, purchases, revenue. */
	record DayTotal(long touches, long visits, long purchases, BigDecimal revenue) {
	}

	Map<LocalDate, DayTotal> dayTotals(LocalDate from, LocalDate to) {
		Map<LocalDate, DayTotal> totals = new HashMap<>();
		jdbc.query("select day, touches, visits, purchases, revenue from analytics_day_total where day between ? and ?",
				(RowCallbackHandler) rs -> totals.put(rs.getObject(1, LocalDate.class),
						new DayTotal(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5))),
				from, to);
		return totals;
	}

	static DayTotal sum(Map<LocalDate, DayTotal> totals, LocalDate from, LocalDate to) {
		long touches = 0;
		long visits = 0;
		long purchases = 0;
		BigDecimal revenue = BigDecimal.ZERO;
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			DayTotal total = totals.get(day);
			if (total != null) {
				touches += total.touches();
				visits += total.visits();
				purchases += total.purchases();
				revenue = revenue.add(total.revenue());
			}
		}
		return new DayTotal(touches, visits, purchases, revenue.setScale(2, RoundingMode.HALF_UP));
	}

	JdbcTemplate jdbc() {
		return jdbc;
	}

	private static Array dates(java.sql.Connection connection, LocalDate[] days) throws java.sql.SQLException {
		Date[] values = new Date[days.length];
		for (int i = 0; i < days.length; i++) {
			values[i] = Date.valueOf(days[i]);
		}
		return connection.createArrayOf("date", values);
	}
}
