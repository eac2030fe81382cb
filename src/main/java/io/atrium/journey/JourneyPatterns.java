package io.atrium.journey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.segment.SegmentMembership;
import io.atrium.shared.CustomerId;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Journey patterns of a population of customers: stage distribution, funnel conversion between stages (by the
 * highest stage each customer ever reached), median days spent in each stage (completed stays), and the most
 * common stage paths.
 * <p>
 * Populations: {@code all} (every customer with a journey) or a segment, whose current members (from the
 * segment module) restrict every query; a segment's patterns come with those of all customers for comparison.
 */
@Component
class JourneyPatterns {

	static final String ALL = "all";

	private final JdbcClient jdbc;

	private final SegmentMembership segments;

	JourneyPatterns(JdbcClient jdbc, SegmentMembership segments) {
		this.jdbc = jdbc;
		this.segments = segments;
	}

	/** @param share of the population, 0–1 */
	record StageCount(String stage, long customers, double share) {
	}

	/** @param conversion share of the customers who reached the previous stage that reached this one */
	record FunnelStep(String stage, long reached, Double conversion) {
	}

	/** @param completedStays stays that ended, which the median is taken over */
	record Dwell(String stage, Double medianDays, long completedStays) {
	}

	record Path(List<String> stages, long customers, double share) {
	}

	record Patterns(String segmentId, long customers, List<StageCount> stageDistribution, List<FunnelStep> funnel,
			List<Dwell> medianDaysInStage, List<Path> mostCommonPaths) {
	}

	/**
	 * @param segmentId {@code all} or a segment id
	 * @throws SegmentNotFound when no segment has this id
	 */
	Patterns of(String segmentId) {
		if (ALL.equals(segmentId)) {
			return over(ALL, null);
		}
		UUID id;
		try {
			id = UUID.fromString(segmentId);
		}
		catch (IllegalArgumentException ex) {
			throw new SegmentNotFound();
		}
		if (!segments.exists(id)) {
			throw new SegmentNotFound();
		}
		List<UUID> members = new ArrayList<>();
		String cursor = null;
		do {
			Page<CustomerId> page = segments.members(id, cursor, Limit.MAX);
			page.items().forEach(member -> members.add(member.value()));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return over(segmentId, members.toArray(UUID[]::new));
	}

	private Patterns over(String segmentId, UUID[] members) {
		boolean all = members == null;
		UUID[] ids = all ? new UUID[0] : members;
		Map<String, Long> byStage = new LinkedHashMap<>();
		jdbc.sql("select stage, count(*) from customer_journey where (:all or customer_id = any(:ids)) group by stage")
			.param("all", all)
			.param("ids", ids)
			.query(rs -> {
				byStage.put(rs.getString(1), rs.getLong(2));
			});
		long customers = byStage.values().stream().mapToLong(Long::longValue).sum();
		List<StageCount> distribution = new ArrayList<>();
		for (Stage stage : Stage.values()) {
			long n = byStage.getOrDefault(stage.code(), 0L);
			distribution.add(new StageCount(stage.code(), n, share(n, customers)));
		}
		Map<String, Long> highest = new LinkedHashMap<>();
		jdbc.sql("select highest_stage, count(*) from customer_journey where (:all or customer_id = any(:ids)) "
				+ "group by highest_stage")
			.param("all", all)
			.param("ids", ids)
			.query(rs -> {
				highest.put(rs.getString(1), rs.getLong(2));
			});
		List<FunnelStep> funnel = new ArrayList<>();
		long previous = -1;
		for (Stage stage : Stage.values()) {
			long reached = 0;
			for (Stage s : Stage.values()) {
				if (s.ordinal() >= stage.ordinal()) {
					reached += highest.getOrDefault(s.code(), 0L);
				}
			}
			funnel.add(new FunnelStep(stage.code(), reached,
					previous < 0 ? null : previous == 0 ? null : round(reached / (double) previous)));
			previous = reached;
		}
		Map<String, Dwell> dwell = new LinkedHashMap<>();
		jdbc.sql("""
				with spells as (
				    select to_stage as stage, occurred_at as started, lead(occurred_at) over w as ended
				    from stage_transition where (:all or customer_id = any(:ids))
				    window w as (partition by customer_id order by occurred_at, seq)
				)
				select stage, percentile_cont(0.5) within group (order by extract(epoch from ended - started) / 86400.0),
				       count(*)
				from spells where ended is not null group by stage
				""").param("all", all).param("ids", ids).query(rs -> {
			dwell.put(rs.getString(1), new Dwell(rs.getString(1), round(rs.getDouble(2)), rs.getLong(3)));
		});
		List<Dwell> dwells = new ArrayList<>();
		for (Stage stage : Stage.values()) {
			dwells.add(dwell.getOrDefault(stage.code(), new Dwell(stage.code(), null, 0)));
		}
		List<Path> paths = jdbc.sql("""
				select path, count(*) as n from (
				    select customer_id, string_agg(to_stage, '>' order by occurred_at, seq) as path
				    from stage_transition where (:all or customer_id = any(:ids)) group by customer_id
				) p group by path order by n desc, path limit 10
				""")
			.param("all", all)
			.param("ids", ids)
			.query((rs, n) -> new Path(List.of(rs.getString(1).split(">")), rs.getLong(2),
					share(rs.getLong(2), customers)))
			.list();
		return new Patterns(segmentId, customers, distribution, funnel, dwells, paths);
	}

	private static double share(long part, long whole) {
		return whole == 0 ? 0 : round(part / (double) whole);
	}

	private static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}
}
