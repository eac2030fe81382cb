package io.atrium.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atrium.scoring.LeadScoringOverview;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lead scoring: customers by lead quality and qualification, the composite-score distribution, MQL and SQL
 * flow in the chosen range against the one before, top movers and the predictive model's health.
 */
@Controller
class ScoringPage {

	private final LeadScoringOverview scoring;

	private final JsonMapper json;

	private final MessageSource messages;

	private final Clock clock;

	ScoringPage(LeadScoringOverview scoring, JsonMapper json, MessageSource messages, Clock clock) {
		this.scoring = scoring;
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
		return htmx != null ? "scoring :: content" : "scoring";
	}
}
