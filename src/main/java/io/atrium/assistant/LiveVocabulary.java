package io.atrium.assistant;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.atrium.analytics.AnalyticsReports;
import io.atrium.analytics.AttributionModel;
import io.atrium.segment.SegmentMembership;
import io.atrium.shared.DateRange;
import io.atrium.tracking.MallDirectory;
import io.atrium.tracking.Store;

import org.springframework.stereotype.Component;

/**
 * The {@link Vocabulary} read from the live data through the owning modules' public reads: the mall directory's
 * stores and categories, active segments, and campaigns seen in the last year. Kept for a minute.
 */
@Component
class LiveVocabulary {

	static final Duration TTL = Duration.ofMinutes(1);

	private final MallDirectory directory;

	private final SegmentMembership segments;

	private final AnalyticsReports analytics;

	private final Clock clock;

	private volatile Vocabulary cached;

	private volatile Instant loadedAt = Instant.MIN;

	LiveVocabulary(MallDirectory directory, SegmentMembership segments, AnalyticsReports analytics, Clock clock) {
		this.directory = directory;
		this.segments = segments;
		this.analytics = analytics;
		this.clock = clock;
	}

	Vocabulary current() {
		Instant now = Instant.now();
		Vocabulary vocabulary = cached;
		if (vocabulary == null || loadedAt.plus(TTL).isBefore(now)) {
			vocabulary = load();
			cached = vocabulary;
			loadedAt = now;
		}
		return vocabulary;
	}

	/** Forgets the cached names (tests that load data call it). */
	void refresh() {
		cached = null;
	}

	private Vocabulary load() {
		List<Store> stores = directory.stores();
		List<Vocabulary.Named> segmentNames = segments.activeNames()
			.entrySet()
			.stream()
			.map(entry -> new Vocabulary.Named(entry.getKey().toString(), entry.getValue()))
			.toList();
		List<String> campaigns = analytics
			.campaignPerformance(DateRange.preset("1y", clock), AttributionModel.of(null), 7, BigDecimal.ONE)
			.campaigns()
			.stream()
			.map(campaign -> campaign.campaignId())
			.distinct()
			.toList();
		return new Vocabulary(stores.stream().map(store -> new Vocabulary.Named(store.id(), store.name())).toList(),
				stores.stream().map(Store::category).distinct().sorted().toList(), segmentNames, campaigns);
	}
}
