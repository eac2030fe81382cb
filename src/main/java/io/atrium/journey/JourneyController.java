package io.atrium.journey;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.platform.JobId;
import io.atrium.platform.Jobs;
import io.atrium.shared.CustomerId;
import io.atrium.shared.Cursor;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The journey API: a customer's journey, next-stage prediction, journey patterns, churn alerts, configuration,
 * recompute and model training. Roles are enforced by the central URL rules (GET any role; acknowledge
 * ADMIN/MARKETER; config, recompute, training ADMIN).
 */
@RestController
@RequestMapping("/api/journey")
class JourneyController {

	private final CustomerDirectory customers;

	private final Journeys journeys;

	private final JourneyConfigs configs;

	private final ChurnModels models;

	private final ChurnAlerts alerts;

	private final NextStagePrediction prediction;

	private final JourneyPatterns patterns;

	private final JourneyRebuilding rebuilding;

	private final ChurnModelTraining training;

	private final Jobs jobs;

	private final MessageSource messages;

	private final Clock clock;

	JourneyController(CustomerDirectory customers, Journeys journeys, JourneyConfigs configs, ChurnModels models,
			ChurnAlerts alerts, NextStagePrediction prediction, JourneyPatterns patterns, JourneyRebuilding rebuilding,
			ChurnModelTraining training, Jobs jobs, MessageSource messages, Clock clock) {
		this.customers = customers;
		this.journeys = journeys;
		this.configs = configs;
		this.models = models;
		this.alerts = alerts;
		this.prediction = prediction;
		this.patterns = patterns;
		this.rebuilding = rebuilding;
		this.training = training;
		this.jobs = jobs;
		this.messages = messages;
		this.clock = clock;
	}

	record TransitionView(String from, String to, String reason, String reasonText, UUID touchpointId,
			Instant occurredAt) {
	}

	record Count(String name, long touchpoints) {
	}

	record TouchpointSummary(long total, List<Count> byType, List<Count> byChannel, Instant firstSeen,
			Instant lastSeen, int purchases, BigDecimal monetary) {
	}

	record HealthView(int score, List<HealthScore.Factor> factors, LocalDate asOf) {
	}

	record ChurnView(double probability, String level, double highThreshold, String model,
			List<ChurnModel.Term> terms) {
	}

	record RecommendationView(String action, String text, String urgency, String because) {
	}

	record JourneyView(String customerId, String stage, Instant stageSince, long daysInStage, String highestStage,
			List<TransitionView> stageHistory, TouchpointSummary touchpointSummary, HealthView health,
			ChurnView churnRisk, Momentum momentum, List<RecommendationView> recommendations, int configVersion) {
	}

	@GetMapping("/{customer_id}")
	JourneyView journey(@PathVariable("customer_id") String customerId) {
		Resolved resolved = resolve(customerId);
		Journeys.Row row = resolved.row();
		JourneyConfigs.Versioned versioned = configs.currentVersion();
		JourneyConfig config = versioned.config();
		ZoneId zone = clock.getZone();
		Instant now = clock.instant();
		LocalDate today = now.atZone(zone).toLocalDate();
		JourneyState state = row.state(zone,
				journeys.days(row.customerId(), today.minusDays(JourneyUpdating.DAYS_LOADED)));
		JourneyScores scores = JourneyScores.of(ActivityFeatures.of(state.days, today), config, models.current(config));
		List<TransitionView> history = journeys.transitions(row.customerId())
			.stream()
			.map(t -> new TransitionView(t.from() == null ? null : t.from().code(), t.to().code(), t.reason(),
					text("journey.reason." + t.reason(), t.reason()), t.touchpointId(), t.occurredAt()))
			.toList();
		Map<String, Long> byType = new LinkedHashMap<>();
		Map<String, Long> byChannel = new LinkedHashMap<>();
		long total = 0;
		for (Journeys.TypeCount count : journeys.counts(row.customerId())) {
			byType.merge(count.type(), (long) count.touchpoints(), Long::sum);
			byChannel.merge(count.channel(), (long) count.touchpoints(), Long::sum);
			total += count.touchpoints();
		}
		List<RecommendationView> recommendations = Recommendations.of(row.stage(), scores)
			.stream()
			.map(r -> new RecommendationView(r.action(), text("journey.action." + r.action(), r.action()), r.urgency(),
					r.because()))
			.toList();
		return new JourneyView(resolved.externalId(), row.stage().code(), row.stageSince(),
				Math.max(0, Duration.between(row.stageSince(), now).toDays()), row.highest().code(), history,
				new TouchpointSummary(total, counts(byType), counts(byChannel), row.firstSeen(), row.lastSeen(),
						row.purchases(), row.monetary()),
				new HealthView(scores.health().score(), scores.health().factors(), today),
				new ChurnView(scores.churnRisk(), scores.churnLevel(), config.churn().highThreshold(),
						scores.churnModel(), scores.churnTerms()),
				scores.momentum(), recommendations, versioned.version());
	}

	record PredictionView(String customerId, String currentStage, long daysInStage, int horizonDays,
			List<NextStagePrediction.Outcome> probabilities, String mostLikely, Double expectedDaysToNextStage,
			NextStagePrediction.Basis basis) {
	}

	@GetMapping("/{customer_id}/predict-next-stage")
	PredictionView predict(@PathVariable("customer_id") String customerId,
			@RequestParam(name = "horizon_days", required = false) Integer horizonDays) {
		int horizon = horizonDays == null ? 30 : horizonDays;
		if (horizon < 1 || horizon > 365) {
			throw InvalidInput.of("horizon_days", "must be between 1 and 365");
		}
		Resolved resolved = resolve(customerId);
		Instant now = clock.instant();
		long days = Math.max(0, Duration.between(resolved.row().stageSince(), now).toDays());
		LocalDate today = now.atZone(clock.getZone()).toLocalDate();
		boolean active = journeys.days(resolved.row().customerId(), today.minusDays(29)).values()
			.stream()
			.anyMatch(day -> day.touchpoints > 0);
		NextStagePrediction.Prediction p = prediction.predict(resolved.row().stage(), days, active, horizon);
		return new PredictionView(resolved.externalId(), resolved.row().stage().code(), days, horizon, p.outcomes(),
				p.mostLikely(), p.expectedDaysToNextStage(), p.basis());
	}

	record ShareDifference(String stage, double segmentShare, double allShare, double difference) {
	}

	record Comparison(String baseline, long customers, List<ShareDifference> stageShares) {
	}

	record PatternsView(String segmentId, long customers, List<JourneyPatterns.StageCount> stageDistribution,
			List<JourneyPatterns.FunnelStep> funnel, List<JourneyPatterns.Dwell> medianDaysInStage,
			List<JourneyPatterns.Path> mostCommonPaths, Comparison comparison) {
	}

	@GetMapping("/segment/{segment_id}/journey-patterns")
	PatternsView patterns(@PathVariable("segment_id") String segmentId) {
		JourneyPatterns.Patterns segment = patterns.of(segmentId);
		JourneyPatterns.Patterns all = JourneyPatterns.ALL.equals(segmentId) ? segment
				: patterns.of(JourneyPatterns.ALL);
		List<ShareDifference> differences = new ArrayList<>();
		for (int i = 0; i < segment.stageDistribution().size(); i++) {
			double mine = segment.stageDistribution().get(i).share();
			double theirs = all.stageDistribution().get(i).share();
			differences.add(new ShareDifference(segment.stageDistribution().get(i).stage(), mine, theirs,
					Math.round((mine - theirs) * 10_000) / 10_000.0));
		}
		return new PatternsView(segment.segmentId(), segment.customers(), segment.stageDistribution(),
				segment.funnel(), segment.medianDaysInStage(), segment.mostCommonPaths(),
				new Comparison(JourneyPatterns.ALL, all.customers(), differences));
	}

	record AlertView(UUID id, String customerId, double risk, String level, String model, Instant raisedAt,
			String status, Instant acknowledgedAt, String acknowledgedBy) {
	}

	@GetMapping("/alerts")
	Page<AlertView> alerts(@RequestParam(required = false) String status,
			@RequestParam(name = "min_risk", required = false) Double minRisk,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		String state = status == null ? "open" : status;
		if (!List.of("open", "acknowledged", "all").contains(state)) {
			throw InvalidInput.of("status", "must be one of open, acknowledged, all");
		}
		if (minRisk != null && !(minRisk >= 0 && minRisk <= 1)) {
			throw InvalidInput.of("min_risk", "must be between 0 and 1");
		}
		ZoneId zone = clock.getZone();
		Instant fromInstant = date("from", from) == null ? null : date("from", from).atStartOfDay(zone).toInstant();
		Instant untilInstant = date("to", to) == null ? null
				: date("to", to).plusDays(1).atStartOfDay(zone).toInstant();
		if (fromInstant != null && untilInstant != null && !fromInstant.isBefore(untilInstant)) {
			throw InvalidInput.of("to", "must not be before from");
		}
		int size = Limit.of(limit);
		List<String> after = Cursor.decode(cursor, 2);
		Instant afterRaised = null;
		UUID afterId = null;
		if (!after.isEmpty()) {
			try {
				afterRaised = Instant.parse(after.get(0));
				afterId = UUID.fromString(after.get(1));
			}
			catch (DateTimeException | IllegalArgumentException ex) {
				throw InvalidInput.of("cursor", "is not a cursor this list issued");
			}
		}
		List<ChurnAlerts.Alert> found = alerts.page(state, minRisk, fromInstant, untilInstant, afterRaised, afterId,
				size + 1);
		String next = null;
		if (found.size() > size) {
			found = found.subList(0, size);
			ChurnAlerts.Alert last = found.get(size - 1);
			next = Cursor.encode(last.raisedAt().toString(), last.id().toString());
		}
		Map<CustomerId, CustomerSummary> summaries = customers
			.findAll(found.stream().map(ChurnAlerts.Alert::customerId).distinct().toList());
		List<AlertView> items = found.stream().map(a -> view(a, summaries.get(a.customerId()))).toList();
		return new Page<>(items, next);
	}

	@PostMapping("/alerts/{id}/acknowledge")
	AlertView acknowledge(@PathVariable String id, Principal principal) {
		UUID alertId = uuid(id);
		ChurnAlerts.Alert alert = alerts.find(alertId).orElseThrow(AlertNotFound::new);
		if (alert.acknowledgedAt() == null) {
			alerts.acknowledge(alertId, principal == null ? "anonymous" : principal.getName(), clock.instant());
			alert = alerts.find(alertId).orElseThrow(AlertNotFound::new);
		}
		CustomerSummary summary = customers.find(alert.customerId()).orElse(null);
		return view(alert, summary);
	}

	record ConfigView(int version, JourneyConfig config, String createdBy, Instant createdAt) {
	}

	@GetMapping("/config")
	ConfigView config() {
		JourneyConfigs.Versioned v = configs.currentVersion();
		return new ConfigView(v.version(), v.config(), v.createdBy(), v.createdAt());
	}

	@PutMapping("/config")
	ConfigView updateConfig(@RequestBody JourneyConfig config, Principal principal) {
		if (config == null) {
			throw InvalidInput.of("config", "is required");
		}
		JourneyConfigs.Versioned v = configs.store(config.validated(),
				principal == null ? "anonymous" : principal.getName());
		return new ConfigView(v.version(), v.config(), v.createdBy(), v.createdAt());
	}

	record RecomputeRequest(String mode) {
	}

	record Started(UUID jobId, String kind, String status) {
	}

	@PostMapping("/recompute")
	ResponseEntity<Started> recompute(@RequestBody(required = false) RecomputeRequest request, Principal principal) {
		String mode = request == null || request.mode() == null ? "rebuild" : request.mode();
		if (!List.of("rebuild", "rescore").contains(mode)) {
			throw InvalidInput.of("mode", "must be rebuild or rescore");
		}
		String actor = principal == null ? "anonymous" : principal.getName();
		JobId job = "rebuild".equals(mode) ? rebuilding.rebuild(actor) : rebuilding.rescore(actor);
		String kind = "rebuild".equals(mode) ? JourneyRebuilding.REBUILD : JourneyRebuilding.RESCORE;
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.header("Location", "/api/jobs/" + job)
			.body(new Started(job.value(), kind, "queued"));
	}

	@PostMapping("/models/train")
	ResponseEntity<Started> train(Principal principal) {
		JobId job = jobs.startAlone(ChurnModelTraining.KIND, Map.of(),
				principal == null ? "anonymous" : principal.getName(), training::train, view -> {
				});
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.header("Location", "/api/jobs/" + job)
			.body(new Started(job.value(), ChurnModelTraining.KIND, "queued"));
	}

	@GetMapping("/models")
	List<ChurnModelTraining.ModelView> models() {
		return training.models();
	}

	private record Resolved(String externalId, Journeys.Row row) {
	}

	private Resolved resolve(String externalId) {
		CustomerSummary summary = customers.findByExternalId(externalId).orElseThrow(JourneyNotFound::new);
		CustomerId current = customers.current(summary.id());
		String shown = externalId;
		if (!current.equals(summary.id())) {
			shown = customers.find(current).map(CustomerSummary::externalId).orElse(externalId);
		}
		Journeys.Row row = journeys.find(current).orElseThrow(JourneyNotFound::new);
		return new Resolved(shown, row);
	}

	private AlertView view(ChurnAlerts.Alert alert, CustomerSummary summary) {
		return new AlertView(alert.id(), summary == null ? null : summary.externalId(), alert.risk(), alert.level(),
				alert.model(), alert.raisedAt(), alert.acknowledgedAt() == null ? "open" : "acknowledged",
				alert.acknowledgedAt(), alert.acknowledgedBy());
	}

	private static List<Count> counts(Map<String, Long> counts) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.map(e -> new Count(e.getKey(), e.getValue()))
			.toList();
	}

	private static LocalDate date(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeException ex) {
			throw InvalidInput.of(field, "must be an ISO date (yyyy-mm-dd)");
		}
	}

	private static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new AlertNotFound();
		}
	}

	private String text(String key, String fallback) {
		return messages.getMessage(key, null, fallback, LocaleContextHolder.getLocale());
	}
}
