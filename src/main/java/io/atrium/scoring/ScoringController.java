package io.atrium.scoring;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.platform.JobId;
import io.atrium.shared.CustomerId;
import io.atrium.shared.Cursor;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Limit;
import io.atrium.shared.Problem.FieldError;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

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
 * The scoring API: scores, qualification, insights, the dashboard, configuration, batch scoring and models.
 */
@RestController
@RequestMapping("/api/scoring")
class ScoringController {

	private static final int MAX_BATCH_IDS = 10_000;

	private static final TypeReference<List<ScoreFactor.Contribution>> CONTRIBUTIONS = new TypeReference<>() {
	};

	private final ScoringManagement scoring;

	private final LeadScores scores;

	private final ScoringJobs jobs;

	private final ScoringConfigs configs;

	private final ScoringDashboard dashboard;

	private final Models models;

	private final ModelManagement modelManagement;

	private final CustomerDirectory directory;

	private final MessageSource messages;

	private final JsonMapper json;

	private final Clock clock;

	ScoringController(ScoringManagement scoring, LeadScores scores, ScoringJobs jobs, ScoringConfigs configs,
			ScoringDashboard dashboard, Models models, ModelManagement modelManagement, CustomerDirectory directory,
			MessageSource messages, JsonMapper json, Clock clock) {
		this.scoring = scoring;
		this.scores = scores;
		this.jobs = jobs;
		this.configs = configs;
		this.dashboard = dashboard;
		this.models = models;
		this.modelManagement = modelManagement;
		this.directory = directory;
		this.messages = messages;
		this.json = json;
		this.clock = clock;
	}

	@PostMapping("/score")
	ScoringWeb.ScoreResponse score(@RequestBody(required = false) ScoringWeb.CustomerRequest request) {
		CustomerSummary profile = customer(request);
		ScoringManagement.Scored scored = scoring.rescore(profile.id(), "rescore", null, true);
		ScoreFactors.Scores values = scored.scores();
		return new ScoringWeb.ScoreResponse(profile.externalId(), round(values.composite()), values.quality(),
				breakdown(values.kinds()), factors(values.topFactors()), recommendations(scored),
				scored.modelVersion(), scored.configVersion(), scored.decision().qualification(), scored.scoredAt());
	}

	@PostMapping("/qualify")
	ScoringWeb.QualifyResponse qualify(@RequestBody(required = false) ScoringWeb.CustomerRequest request) {
		CustomerSummary profile = customer(request);
		ScoringManagement.Scored scored = scoring.rescore(profile.id(), "rescore", null, false);
		ScoringConfig.QualificationThresholds thresholds = configs.current().config().qualification();
		Map<String, Double> applied = new LinkedHashMap<>();
		applied.put("mql", thresholds.mql());
		applied.put("sql", thresholds.sql());
		applied.put("sql_min_behavioral", thresholds.sqlMinBehavioral());
		applied.put("mql_fit", thresholds.mqlFit());
		applied.put("mql_engagement", thresholds.mqlEngagement());
		return new ScoringWeb.QualifyResponse(profile.externalId(), scored.decision().qualification(),
				scored.previousQualification(), !scored.previousQualification().equals(scored.decision().qualification()),
				scored.decision().rule(), round(scored.scores().composite()), scored.scores().quality(),
				breakdown(scored.scores().kinds()), applied, scored.scoredAt());
	}

	@GetMapping("/insights/{customer_id}")
	ScoringWeb.InsightsResponse insights(@PathVariable("customer_id") String customerId,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		CustomerSummary profile = directory.findByExternalId(customerId).orElseThrow(CustomerNotFound::new);
		int size = Limit.of(limit);
		List<String> after = Cursor.decode(cursor, 1);
		Long before;
		try {
			before = after.isEmpty() ? null : Long.parseLong(after.get(0));
		}
		catch (NumberFormatException ex) {
			throw InvalidInput.of("cursor", "is not a cursor this list issued");
		}
		List<LeadScores.LedgerEntry> entries = scores.history(profile.id(), before, size + 1);
		String next = null;
		if (entries.size() > size) {
			entries = entries.subList(0, size);
			next = Cursor.encode(Long.toString(entries.get(size - 1).id()));
		}
		List<ScoringWeb.LedgerItem> items = entries.stream()
			.map(entry -> new ScoringWeb.LedgerItem(entry.id(), entry.kind(), entry.oldValue(), entry.newValue(),
					entry.delta(), entry.cause(), entry.causeRef(), entry.occurredAt()))
			.toList();
		List<ScoringWeb.AttributionItem> attribution = scores.attribution(profile.id())
			.stream()
			.map(a -> new ScoringWeb.AttributionItem(a.kind(), a.cause(), a.points(), a.changes()))
			.toList();
		LeadScores.ScoreRow row = scores.find(profile.id()).orElse(null);
		if (row == null) {
			return new ScoringWeb.InsightsResponse(profile.externalId(), false, 0, "cold", "lead", null,
					new ScoringWeb.Breakdown(0.0, 0.0, 0.0, null), List.of(), null,
					new ScoringWeb.History(items, next), attribution, null);
		}
		Map<String, Double> kinds = new LinkedHashMap<>();
		for (String kind : ScoringConfig.KINDS) {
			if (!"predictive".equals(kind) || row.modelVersion() != null) {
				kinds.put(kind, row.value(kind).doubleValue());
			}
		}
		List<ScoreFactor.Contribution> stored = json.readValue(row.factors(), CONTRIBUTIONS);
		return new ScoringWeb.InsightsResponse(profile.externalId(), true, row.value("composite").doubleValue(),
				row.quality(), row.qualification(), row.qualifiedBy(), breakdown(kinds), factors(stored),
				row.modelVersion(), new ScoringWeb.History(items, next), attribution, row.scoredAt());
	}

	@GetMapping("/dashboard")
	Map<String, Object> dashboard(@RequestParam(required = false) String preset,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		return dashboard.overview(DateRange.resolve(preset, from, to, LocalDate.now(clock)));
	}

	@GetMapping("/config")
	ScoringWeb.ConfigResponse config() {
		ScoringConfigs.Versioned current = configs.current();
		return new ScoringWeb.ConfigResponse(current.version(), current.createdBy(), current.createdAt(),
				current.config());
	}

	@PutMapping("/config")
	ScoringWeb.ConfigChanged changeConfig(@RequestBody(required = false) ScoringConfig config, Principal principal) {
		if (config == null) {
			throw InvalidInput.of("body", "a scoring configuration is required");
		}
		config.validated();
		String actor = actor(principal);
		int version = configs.store(config, actor, clock.instant());
		JobId job = jobs.rescoreAll(List.of(), "config", "v" + version, actor);
		return new ScoringWeb.ConfigChanged(version, job.value());
	}

	@PostMapping("/batch")
	ResponseEntity<ScoringWeb.JobStarted> batch(@RequestBody(required = false) ScoringWeb.BatchRequest request,
			Principal principal) {
		List<CustomerId> extra = new ArrayList<>();
		if (request != null && request.customerIds() != null) {
			if (request.customerIds().size() > MAX_BATCH_IDS) {
				throw InvalidInput.of("customer_ids", "at most " + MAX_BATCH_IDS + " ids per request");
			}
			List<FieldError> unknown = new ArrayList<>();
			for (int i = 0; i < request.customerIds().size(); i++) {
				String id = request.customerIds().get(i);
				CustomerSummary profile = id == null ? null : directory.findByExternalId(id).orElse(null);
				if (profile == null) {
					if (unknown.size() < 20) {
						unknown.add(new FieldError("customer_ids[" + i + "]", "no customer with this id"));
					}
				}
				else {
					extra.add(profile.id());
				}
			}
			if (!unknown.isEmpty()) {
				throw new InvalidInput("Some customer ids are unknown", unknown);
			}
		}
		JobId job = jobs.rescoreAll(extra, "rescore", null, actor(principal));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(new ScoringWeb.JobStarted(job.value(), ScoringJobs.BATCH, "queued"));
	}

	@PostMapping("/models/train")
	ResponseEntity<ScoringWeb.JobStarted> train(@RequestBody(required = false) ScoringWeb.TrainRequest request,
			Principal principal) {
		String algorithm = request == null ? null : request.algorithm();
		String activate = request == null || request.activate() == null ? "if_better" : request.activate();
		if (algorithm != null && !ScoringConfig.ALGORITHMS.contains(algorithm)) {
			throw InvalidInput.of("algorithm", "must be one of " + String.join(", ", ScoringConfig.ALGORITHMS));
		}
		if (!List.of("if_better", "always", "never").contains(activate)) {
			throw InvalidInput.of("activate", "must be if_better, always or never");
		}
		JobId job = jobs.train(new ModelTraining.Request(algorithm, activate), actor(principal));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(new ScoringWeb.JobStarted(job.value(), ScoringJobs.TRAINING, "queued"));
	}

	@GetMapping("/models")
	ScoringWeb.ModelPage models(@RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		int size = Limit.of(limit);
		List<String> after = Cursor.decode(cursor, 1);
		Integer before;
		try {
			before = after.isEmpty() ? null : Integer.parseInt(after.get(0));
		}
		catch (NumberFormatException ex) {
			throw InvalidInput.of("cursor", "is not a cursor this list issued");
		}
		List<Models.ModelRow> rows = models.newestFirst(before, size + 1);
		String next = null;
		if (rows.size() > size) {
			rows = rows.subList(0, size);
			next = Cursor.encode(Integer.toString(rows.get(size - 1).version()));
		}
		return new ScoringWeb.ModelPage(rows.stream().map(ScoringWeb.ModelView::of).toList(), next);
	}

	@GetMapping("/models/{version}")
	ScoringWeb.ModelView model(@PathVariable int version) {
		return models.find(version).map(ScoringWeb.ModelView::of).orElseThrow(() -> new ModelNotFound(version));
	}

	@PostMapping("/models/{version}/activate")
	ScoringWeb.Activated activate(@PathVariable int version, Principal principal) {
		JobId job = modelManagement.activate(version, actor(principal));
		return new ScoringWeb.Activated(version, true, job.value());
	}

	private CustomerSummary customer(ScoringWeb.CustomerRequest request) {
		if (request == null || request.customerId() == null || request.customerId().isBlank()) {
			throw InvalidInput.of("customer_id", "is required");
		}
		CustomerSummary profile = directory.findByExternalId(request.customerId()).orElseThrow(CustomerNotFound::new);
		if ("merged".equals(profile.status())) {
			return directory.find(directory.current(profile.id())).orElseThrow(CustomerNotFound::new);
		}
		return profile;
	}

	private static ScoringWeb.Breakdown breakdown(Map<String, Double> kinds) {
		return new ScoringWeb.Breakdown(rounded(kinds.get("behavioral")), rounded(kinds.get("demographic")),
				rounded(kinds.get("engagement")), rounded(kinds.get("predictive")));
	}

	private static List<ScoringWeb.Factor> factors(List<ScoreFactor.Contribution> contributions) {
		return contributions.stream()
			.map(c -> new ScoringWeb.Factor(c.factor(), c.kind(), round(c.impact())))
			.toList();
	}

	private List<String> recommendations(ScoringManagement.Scored scored) {
		ScoreFactors.Scores values = scored.scores();
		List<String> keys = new ArrayList<>();
		switch (values.quality()) {
			case "hot":
				keys.add("scoring.recommendation.sales-outreach");
				keys.add("scoring.recommendation.premium-service");
				break;
			case "qualified":
				keys.add("scoring.recommendation.sales-outreach");
				keys.add("scoring.recommendation.personal-offer");
				break;
			case "warm":
				keys.add("scoring.recommendation.nurture");
				break;
			default:
				keys.add("scoring.recommendation.reactivate");
		}
		if (values.kind("engagement") < 30) {
			keys.add("scoring.recommendation.engage-channels");
		}
		if (values.kind("demographic") < 40) {
			keys.add("scoring.recommendation.complete-profile");
		}
		if (values.kinds().containsKey("predictive") && values.kind("predictive") >= 60
				&& values.kind("behavioral") < 40) {
			keys.add("scoring.recommendation.likely-to-convert");
		}
		return keys.stream().map(key -> messages.getMessage(key, null, key, LocaleContextHolder.getLocale())).toList();
	}

	private static String actor(Principal principal) {
		return principal == null ? "system" : principal.getName();
	}

	private static double round(double value) {
		return BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
	}

	private static Double rounded(Double value) {
		return value == null ? null : round(value);
	}
}
