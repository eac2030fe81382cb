package io.atrium.analytics;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.atrium.analytics.CustomerInsights.Range;
import io.atrium.analytics.CustomerInsights.Unavailable;

/**
 * Campaign performance for a range: touchpoints carrying a {@code campaign_id} count toward their campaign;
 * purchases in the range are attributed to campaign touches within the window before them.
 *
 * @param range the resolved range (purchases and touches in it)
 * @param previousRange the equal-length range before it
 * @param attribution the model, window and half-life used
 * @param currency the currency of money figures ({@code CNY})
 * @param totals all campaigns together, compared with the previous range: touches, customers_reached,
 * converted, revenue_attributed
 * @param campaigns per campaign, most attributed revenue first
 * @param channels per channel over all campaigns
 * @param messages messages created in the range per channel, by outcome (from messaging)
 * @param workflows per workflow: runs entered, completed, exited, failed and messages sent in the range (from
 * automation)
 * @param unavailable fields this installation cannot fill, with why
 */
public record CampaignPerformance(Range range, Range previousRange, AttributionSettings attribution, String currency,
		Map<String, Metric> totals, List<CampaignFigures> campaigns, List<ChannelFigures> channels,
		List<io.atrium.messaging.MessageStatistics.ChannelCounts> messages,
		List<io.atrium.automation.WorkflowStatistics.WorkflowFigures> workflows, List<Unavailable> unavailable) {

	CampaignPerformance with(List<io.atrium.messaging.MessageStatistics.ChannelCounts> messages,
			List<io.atrium.automation.WorkflowStatistics.WorkflowFigures> workflows) {
		return new CampaignPerformance(range, previousRange, attribution, currency, totals, campaigns, channels,
				messages, workflows, unavailable);
	}

	/**
	 * @param model e.g. {@code last_touch}
	 * @param windowDays how many days before a purchase a touch counts
	 * @param halfLifeDays the time-decay half-life in days (used by {@code time_decay} only)
	 */
	public record AttributionSettings(String model, int windowDays, BigDecimal halfLifeDays) {
	}

	/**
	 * @param campaignId e.g. {@code SUMMER2024}
	 * @param touches all touchpoints carrying the campaign in the range
	 * @param touchesByType per touchpoint type, e.g. email_open, email_click, sms_click, push_open
	 * @param opened email and push opens
	 * @param clicked email and SMS clicks
	 * @param customersReached distinct customers touched in the range
	 * @param converted distinct customers with a purchase in the range credited (partly) to the campaign
	 * @param conversions purchases credited, as the sum of fractional credits (two decimals)
	 * @param revenueAttributed credited revenue
	 * @param sent messages sent — {@code null} until messaging exists
	 * @param delivered messages delivered — {@code null} until messaging exists
	 * @param cost cost — {@code null} until messaging exists
	 * @param channels the campaign's figures per channel
	 */
	public record CampaignFigures(String campaignId, long touches, Map<String, Long> touchesByType, long opened,
			long clicked, long customersReached, long converted, BigDecimal conversions, BigDecimal revenueAttributed,
			Long sent, Long delivered, BigDecimal cost, List<ChannelFigures> channels) {
	}

	/**
	 * @param channel e.g. {@code email}
	 * @param touches campaign touchpoints on the channel
	 * @param customersReached distinct customers touched on the channel
	 * @param revenueAttributed revenue credited to touches on the channel
	 */
	public record ChannelFigures(String channel, long touches, long customersReached, BigDecimal revenueAttributed) {
	}
}
