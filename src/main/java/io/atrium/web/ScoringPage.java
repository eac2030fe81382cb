package io.atrium.web;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.atrium.platform.JobAlreadyRunning;
import io.atrium.platform.JobView;
import io.atrium.platform.Jobs;
import io.atrium.scoring.LeadScoringOverview;
import io.atrium.scoring.ModelManagement;
import io.atrium.shared.NotFound;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lead scoring: customers by lead quality and qualification, the composite-score distribution, MQL and SQL
 * flow in the chosen range against the one before, top movers, the predictive model's health and the trained
 * models: editors retrain (a job whose progress the page polls), admins activate an older or newer model.
 */
@Controller
class ScoringPage {

	private final LeadScoringOverview scoring;

	private final JsonMapper json;

	private final MessageSource messages;

	private final Clock clock;

	private final ModelManagement models;

	private final Jobs jobs;

	static final String TRAINING_JOB = "scoring-model-training";

	private static final int MODELS_SHOWN = 20;

	ScoringPage(LeadScoringOverview scoring, ModelManagement models, Jobs jobs, JsonMapper json,
			MessageSource messages, Clock clock) {
		this.scoring = scoring;
		this.models = models;
		this.jobs = jobs;
		this.json = json;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/scoring")
	String scoring(@RequestParam(required = false) String preset, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Locale locale, Model model) {
		RangeChoice choice = RangeChoice.of(preset, from, to, clock);
		JsonNode overview = json.valueToTree(scoring.overview(choice.range().from(), choice.range().to()));
		JsonNode quality = overview.path("distribution").path("lead_quality");
		Map<String, Object> qualityChart = new LinkedHashMap<>();
		List<String> qualityLabels = new ArrayList<>();
		List<Long> qualityValues = new ArrayList<>();
		for (var entry : quality.properties()) {
			qualityLabels.add(messages.getMessage("web.quality." + entry.getKey(), null, entry.getKey(), locale));
			qualityValues.add(entry.getValue().asLong());
		}
		qualityChart.put("labels", qualityLabels);
		qualityChart.put("values", qualityValues);
		Map<String, Object> histogram = new LinkedHashMap<>();
		List<String> buckets = new ArrayList<>();
		List<Long> counts = new ArrayList<>();
		overview.path("distribution").path("composite_histogram").forEach(bucket -> {
			buckets.add(bucket.path("from").asInt() + "–" + bucket.path("to").asInt());
			counts.add(bucket.path("customers").asLong());
		});
		histogram.put("labels", buckets);
		histogram.put("values", counts);
		model.addAttribute("choice", choice);
		model.addAttribute("presets", RangeChoice.PRESETS);
		model.addAttribute("o", overview);
		model.addAttribute("qualityJson", json.writeValueAsString(qualityChart));
		model.addAttribute("histogramJson", json.writeValueAsString(histogram));
		models(model);
		model.addAttribute("transitions", transitions(overview.path("qualification"), locale));
		return htmx != null ? "scoring :: content" : "scoring";
	}

	/** Starts a training job (editors; the security rules refuse others) and shows its progress. */
	@PostMapping("/scoring/models/train")
	String train(Principal principal, Model model) {
		try {
			UUID id = models.train(principal.getName()).value();
			model.addAttribute("job", jobs.find(id).orElse(null));
		}
		catch (JobAlreadyRunning ex) {
			model.addAttribute("problem", "web.scoring.models.alreadyTraining");
		}
		return "scoring :: job";
	}

	/** The training job's status and progress; once it has ended, the model list is refreshed as well. */
	@GetMapping("/scoring/jobs/{id}")
	String job(@PathVariable String id, Model model) {
		UUID uuid;
		try {
			uuid = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFound("job-not-found", "No job with this id");
		}
		JobView job = jobs.find(uuid).filter(j -> TRAINING_JOB.equals(j.kind()))
			.orElseThrow(() -> new NotFound("job-not-found", "No job with this id"));
		model.addAttribute("job", job);
		if (job.finished()) {
			models(model);
		}
		return "scoring :: job";
	}

	/** Makes a model the active one (admins only) and rescoring starts; back to the page. */
	@PostMapping("/scoring/models/{version}/activate")
	String activate(@PathVariable String version, Principal principal) {
		int v;
		try {
			v = Integer.parseInt(version);
		}
		catch (NumberFormatException ex) {
			throw new NotFound("model-not-found", "No model with this version");
		}
		models.activate(v, principal.getName());
		return "redirect:/scoring#models";
	}

	private void models(Model model) {
		model.addAttribute("models", models.newestFirst(MODELS_SHOWN));
		model.addAttribute("zone", clock.getZone());
	}

	/** One qualification move in the range: from, to and how many customers, labels translated. */
	public record Transition(String from, String to, long customers) {
	}

	private List<Transition> transitions(JsonNode qualification, Locale locale) {
		List<Transition> result = new ArrayList<>();
		qualification.path("flow").path("transitions").forEach(t -> {
			String from = t.path("from").asString();
			String to = t.path("to").asString();
			result.add(new Transition(messages.getMessage("web.qualification." + from, null, from, locale),
					messages.getMessage("web.qualification." + to, null, to, locale), t.path("customers").asLong()));
		});
		return result;
	}
}
