package io.atrium.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.atrium.demo.MallTouchpoint;
import io.atrium.demo.SyntheticMall;
import io.atrium.shared.CustomerId;
import io.atrium.shared.DateRange;
import io.atrium.tracking.TouchpointRecorded;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summaries (gap summary, day totals, kept purchase credits) give exactly the figures computed straight from
 * the per-customer-day rollup, campaign touches and purchases — on a generated mall folded in out of order, in
 * small batches (the incremental path), and again after the set-based recomputation a rebuild ends with. The mall
 * lives in 2005–2006, a span no other test writes to (same clock as {@link AnalyticsIntegrationTests}, so the
 * Spring context is shared).
 */
@SpringBootTest(properties = "atrium.clock.fixed=2013-06-16T10:00:00+08:00")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsSummariesIntegrationTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static final Clock MALL_CLOCK = Clock.fixed(Instant.parse("2006-06-15T02:00:00Z"), SHANGHAI);

	@Autowired
	AnalyticsRollups rollups;

	@Autowired
	AnalyticsReports reports;

	@Autowired
	ActiveSummaries summaries;

	@Autowired
	FastInsights fast;

	@Autowired
	TransactionTemplate transactions;

	int folded;

	@BeforeAll
	void foldsAGeneratedMallOutOfOrder() {
		UUID salt = UUID.randomUUID();
		SyntheticMall mall = SyntheticMall.of(20060615L, 400, MALL_CLOCK);
		List<TouchpointRecorded> all = new ArrayList<>();
		mall.touchpoints().forEachRemaining(t -> all.add(recorded(t, salt)));
		Collections.shuffle(all, new Random(7));
		for (int i = 0; i < all.size(); i += 97) {
			folded += rollups.apply(all.subList(i, Math.min(all.size(), i + 97)));
		}
	}

	private static TouchpointRecorded recorded(MallTouchpoint t, UUID salt) {
		return new TouchpointRecorded(salted(t.id(), salt), new CustomerId(salted(t.customerId(), salt)),
				t.touchpointType(), t.channel(), t.occurredAt(), t.amount(), t.campaignId(), t.storeId());
	}

	private static UUID salted(UUID id, UUID salt) {
		return new UUID(id.getMostSignificantBits() ^ salt.getMostSignificantBits(),
				id.getLeastSignificantBits() ^ salt.getLeastSignificantBits());
	}

	static List<DateRange> ranges() {
		List<DateRange> ranges = new ArrayList<>();
		for (String preset : List.of("today", "7d", "30d", "90d", "1y", "mtd", "qtd", "ytd")) {
			ranges.add(DateRange.preset(preset, MALL_CLOCK));
		}
		ranges.add(DateRange.of(LocalDate.parse("2005-12-20"), LocalDate.parse("2006-02-03")));
		ranges.add(DateRange.of(LocalDate.parse("2006-05-01"), LocalDate.parse("2006-05-01")));
		return ranges;
	}

	@Test
	void customerInsightsFromSummariesEqualTheStraightforwardComputation() {
		assertThat(folded).isGreaterThan(1_000);
		CustomerInsights year = reports.customerInsights(DateRange.preset("1y", MALL_CLOCK), InsightsFilter.NONE, null);
		assertThat(year.metrics().get("active_customers").value()).isGreaterThan(BigDecimal.valueOf(100));
		assertThat(year.metrics().get("lapsed_customers").value()).isNotNull();

		assertInsightsEqual();
		transactions.executeWithoutResult(status -> summaries.completeRebuild(SHANGHAI));
		assertInsightsEqual();
	}

	private void assertInsightsEqual() {
		for (DateRange range : ranges()) {
			for (String granularity : new String[] { null, "day", "week", "month" }) {
				String bucket = AnalyticsReports.granularity(granularity, range);
				assertThat(fast.customerInsights(range, bucket))
					.as("%s by %s", range, bucket)
					.isEqualTo(reports.straightforward(range, InsightsFilter.NONE, bucket));
			}
			DateRange r = range;
			for (String metric : AnalyticsReports.METRICS) {
				if (metric.equals("average_rating")) {
					continue; // from tracking's review ratings, not from the insights report (GoalsIntegrationTests)
				}
				CustomerInsights straight = reports.straightforward(r, InsightsFilter.NONE, "day");
				assertThat(reports.value(metric, r).orElse(null)).as("%s over %s", metric, r)
					.isEqualTo(straight.metrics().get(metric).value());
			}
		}
	}

	@Test
	void campaignPerformanceFromSummariesEqualsTheStraightforwardComputation() {
		DateRange year = DateRange.preset("1y", MALL_CLOCK);
		CampaignPerformance performance = reports.campaignPerformance(year, AttributionModel.LAST_TOUCH, 7,
				BigDecimal.ONE);
		assertThat(performance.totals().get("revenue_attributed").value()).isPositive();
		assertThat(performance.totals().get("customers_reached").value()).isPositive();

		assertCampaignsEqual();
		transactions.executeWithoutResult(status -> summaries.completeRebuild(SHANGHAI));
		assertCampaignsEqual();
	}

	private void assertCampaignsEqual() {
		for (DateRange range : ranges()) {
			for (AttributionModel model : AttributionModel.values()) {
				for (int window : new int[] { 7, 30 }) {
					Attribution attribution = new Attribution(model, Duration.ofDays(window), Duration.ofDays(1));
					assertThat(reports.campaignPerformance(range, attribution, BigDecimal.ONE, true))
						.as("%s, %s, %d days", range, model, window)
						.isEqualTo(reports.campaignPerformance(range, attribution, BigDecimal.ONE, false));
				}
			}
		}
	}
}
