package io.atrium.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.atrium.analytics.Attribution.Credit;
import io.atrium.analytics.Attribution.Touch;
import io.atrium.analytics.CampaignPerformance.CampaignFigures;
import io.atrium.analytics.CampaignPerformance.ChannelFigures;
import io.atrium.shared.DateRange;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/** The SQL and arithmetic behind campaign performance. */
@Component
class CampaignQueries {

	private final JdbcTemplate jdbc;

	private final ActiveSummaries summaries;

	CampaignQueries(JdbcTemplate jdbc, ActiveSummaries summaries) {
		this.jdbc = jdbc;
		this.summaries = summaries;
	}

	/** What one campaign (or channel of it) accumulated. */
	private static final class Tally {

		long touches;

		final Map<String, Long> byType = new TreeMap<>();

		long reached;

		final Set<UUID> converted = new HashSet<>();

		/** converted customers when counted elsewhere (the gap summary), else -1: {@link #converted}'s size */
		long convertedCount = -1;

		double conversions;

		double revenue;

		final Map<String, Tally> channels = new TreeMap<>();
	}

	/** The default attribution, which {@code analytics_purchase_credit} keeps as purchases arrive. */
	static boolean isDefault(Attribution attribution) {
		return attribution.model() == AttributionModel.LAST_TOUCH
				&& attribution.window().equals(java.time.Duration.ofDays(7));
	}

	/**
	 * Distinct customers reached by campaign touches in a range: by scope (see {@link ActiveSummaries}), read from
	 * the gap summary ({@code fast}) or counted from the campaign touches.
	 */
	Map<String, Long> reach(DateRange range, boolean fast) {
		if (fast) {
			return summaries.campaignReach(range);
		}
		Map<String, Long> reach = new HashMap<>();
		Timestamp start = Timestamp.from(range.start());
		Timestamp end = Timestamp.from(range.endExclusive());
		jdbc.query("""
				select campaign_id, channel, count(distinct customer_id) from analytics_campaign_touch
				where occurred_at >= ? and occurred_at < ?
				group by grouping sets ((), (campaign_id), (channel), (campaign_id, channel))""",
				(RowCallbackHandler) rs -> {
					String campaign = rs.getString(1);
					String channel = rs.getString(2);
					String scope = campaign == null && channel == null ? ActiveSummaries.ANY_CAMPAIGN
							: channel == null ? ActiveSummaries.campaign(campaign)
									: campaign == null ? ActiveSummaries.channel(channel)
											: ActiveSummaries.campaignChannel(campaign, channel);
					reach.put(scope, rs.getLong(3));
				}, start, end);
		return reach;
	}

	List<CampaignFigures> campaigns(DateRange range, Attribution attribution, Map<String, Long> reach, boolean fast) {
		Map<String, Tally> tallies = new TreeMap<>();
		jdbc.query(fast ? """
				select campaign_id, touchpoint_type, channel, sum(touches) from analytics_campaign_day
				where day between ? and ? group by 1, 2, 3""" : """
				select campaign_id, touchpoint_type, channel, sum(touches) from analytics_daily
				where day between ? and ? and campaign_id <> '' group by 1, 2, 3""", (RowCallbackHandler) rs -> {
			Tally campaign = tallies.computeIfAbsent(rs.getString(1), k -> new Tally());
			long touches = rs.getLong(4);
			campaign.touches += touches;
			campaign.byType.merge(rs.getString(2), touches, Long::sum);
			campaign.channels.computeIfAbsent(rs.getString(3), k -> new Tally()).touches += touches;
		}, range.from(), range.to());
		tallies.forEach((id, campaign) -> {
			campaign.reached = reach.getOrDefault(ActiveSummaries.campaign(id), 0L);
			campaign.channels.forEach((channel, c) -> c.reached = reach
				.getOrDefault(ActiveSummaries.campaignChannel(id, channel), 0L));
		});
		if (fast && isDefault(attribution)) {
			credited(range, tallies, reach);
		}
		else {
			attribute(range, attribution, tallies);
		}
		List<CampaignFigures> figures = new ArrayList<>();
		tallies.forEach((id, tally) -> {
			List<ChannelFigures> channels = new ArrayList<>();
			tally.channels.forEach((channel, c) -> channels
				.add(new ChannelFigures(channel, c.touches, c.reached, money(c.revenue))));
			long opened = tally.byType.getOrDefault("email_open", 0L) + tally.byType.getOrDefault("push_open", 0L);
			long clicked = tally.byType.getOrDefault("email_click", 0L) + tally.byType.getOrDefault("sms_click", 0L);
			figures.add(new CampaignFigures(id, tally.touches, tally.byType, opened, clicked, tally.reached,
					tally.convertedCount >= 0 ? tally.convertedCount : tally.converted.size(),
					BigDecimal.valueOf(tally.conversions).setScale(2, RoundingMode.HALF_UP),
					money(tally.revenue), null, null, null, channels));
		});
		figures.sort(Comparator.comparing(CampaignFigures::revenueAttributed)
			.thenComparingLong(CampaignFigures::touches)
			.reversed()
			.thenComparing(CampaignFigures::campaignId));
		return figures;
	}

	/** The default attribution's credits, kept per purchase as they arrive and summed per day. */
	private void credited(DateRange range, Map<String, Tally> tallies, Map<String, Long> reach) {
		jdbc.query("""
				select campaign_id, channel, sum(conversions), sum(revenue) from analytics_credit_day
				where day between ? and ? group by 1, 2 having sum(conversions) <> 0""", (RowCallbackHandler) rs -> {
			Tally campaign = tallies.computeIfAbsent(rs.getString(1), k -> new Tally());
			double revenue = rs.getBigDecimal(4).doubleValue();
			campaign.conversions += rs.getLong(3);
			campaign.revenue += revenue;
			campaign.channels.computeIfAbsent(rs.getString(2), k -> new Tally()).revenue += revenue;
		}, range.from(), range.to());
		tallies.forEach((id, campaign) -> campaign.convertedCount = reach
			.getOrDefault(ActiveSummaries.converted(id), 0L));
	}

	private void attribute(DateRange range, Attribution attribution, Map<String, Tally> tallies) {
		Map<UUID, Purchase> purchases = new LinkedHashMap<>();
		jdbc.query("""
				select p.touchpoint_id, p.customer_id, p.occurred_at, p.amount, t.campaign_id, t.channel, t.occurred_at
				from analytics_purchase p join analytics_campaign_touch t
				  on t.customer_id = p.customer_id and t.occurred_at <= p.occurred_at and t.occurred_at >= p.occurred_at - ?::interval
				where p.occurred_at >= ? and p.occurred_at < ?
				order by p.occurred_at, p.touchpoint_id, t.occurred_at, t.touchpoint_id""", (RowCallbackHandler) rs -> {
			UUID customer = rs.getObject(2, UUID.class);
			java.time.Instant at = instant(rs, 3);
			double amount = rs.getBigDecimal(4).doubleValue();
			Purchase purchase = purchases.computeIfAbsent(rs.getObject(1, UUID.class),
					id -> new Purchase(customer, at, amount));
			purchase.touches.add(new Touch(rs.getString(5), rs.getString(6), instant(rs, 7)));
		}, attribution.window().toSeconds() + " seconds", Timestamp.from(range.start()),
				Timestamp.from(range.endExclusive()));
		for (Purchase purchase : purchases.values()) {
			for (Credit credit : attribution.credit(purchase.at, purchase.touches)) {
				Tally campaign = tallies.computeIfAbsent(credit.touch().campaignId(), k -> new Tally());
				double revenue = purchase.amount * credit.share();
				campaign.converted.add(purchase.customer);
				campaign.conversions += credit.share();
				campaign.revenue += revenue;
				campaign.channels.computeIfAbsent(credit.touch().channel(), k -> new Tally()).revenue += revenue;
			}
		}
	}

	static List<ChannelFigures> channelTotals(List<CampaignFigures> campaigns, Map<String, Long> reach) {
		Map<String, long[]> touches = new TreeMap<>();
		Map<String, BigDecimal> revenue = new HashMap<>();
		for (CampaignFigures campaign : campaigns) {
			for (ChannelFigures channel : campaign.channels()) {
				touches.computeIfAbsent(channel.channel(), k -> new long[1])[0] += channel.touches();
				revenue.merge(channel.channel(), channel.revenueAttributed(), BigDecimal::add);
			}
		}
		List<ChannelFigures> channels = new ArrayList<>();
		touches.forEach((channel, count) -> channels.add(new ChannelFigures(channel, count[0],
				reach.getOrDefault(ActiveSummaries.channel(channel), 0L), revenue.get(channel))));
		return channels;
	}

	JdbcTemplate jdbc() {
		return jdbc;
	}

	private static final class Purchase {

		final UUID customer;

		final java.time.Instant at;

		final double amount;

		final List<Touch> touches = new ArrayList<>();

		Purchase(UUID customer, java.time.Instant at, double amount) {
			this.customer = customer;
			this.at = at;
			this.amount = amount;
		}
	}

	private static java.time.Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static BigDecimal money(double value) {
		return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
	}
}
