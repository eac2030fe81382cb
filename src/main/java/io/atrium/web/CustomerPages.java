package io.atrium.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.automation.WorkflowReports;
import io.atrium.customer.CustomerRecords;
import io.atrium.customer.CustomerResponse;
import io.atrium.customer.IdentifyingCustomers;
import io.atrium.customer.ProfileSection;
import io.atrium.journey.CustomerJourneys;
import io.atrium.journey.JourneyOverview;
import io.atrium.messaging.CustomerMessages;
import io.atrium.scoring.CustomerLeadScores;
import io.atrium.shared.Actor;
import io.atrium.shared.CustomerId;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Page;
import io.atrium.shared.Problem;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customers: a searchable, paginated list and the 360° page (profile, identities, consents, journey scores and
 * stage timeline, lead scores with the composite's history, workflow runs, messages, and every section other
 * modules contribute), with edit, export, merge (with a side-by-side confirmation), unmerge and erase (confirmed
 * by typing the customer id).
 */
@Controller
class CustomerPages {

	static final List<String> EDITABLE = List.of("first_name", "last_name", "email", "phone", "city", "member_tier",
			"locale");

	private final CustomerRecords customers;

	private final IdentifyingCustomers identifying;

	private final CustomerJourneys journeys;

	private final JourneyOverview overview;

	private final List<ProfileSection> sections;

	private final JsonMapper json;

	private final CustomerLeadScores leadScores;

	private final WorkflowReports workflows;

	private final CustomerMessages messages;

	private final Clock clock;

	private final org.springframework.context.MessageSource texts;

	/** How many runs and messages the 360 page lists, and how many score changes its chart draws. */
	static final int LATEST = 20;

	static final int CHART_POINTS = 200;

	private static final DateTimeFormatter CHART_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	CustomerPages(CustomerRecords customers, IdentifyingCustomers identifying, CustomerJourneys journeys,
			JourneyOverview overview, List<ProfileSection> sections, JsonMapper json, CustomerLeadScores leadScores,
			WorkflowReports workflows, CustomerMessages messages, Clock clock,
			org.springframework.context.MessageSource texts) {
		this.texts = texts;
		this.leadScores = leadScores;
		this.workflows = workflows;
		this.messages = messages;
		this.clock = clock;
		this.customers = customers;
		this.identifying = identifying;
		this.journeys = journeys;
		this.overview = overview;
		this.sections = sections.stream().sorted(java.util.Comparator.comparing(ProfileSection::name)).toList();
		this.json = json;
	}

	@GetMapping("/customers")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
			@RequestParam(required = false) String cursor, Model model) {
		Page<CustomerResponse> page;
		try {
			page = customers.search(q, status == null || status.isBlank() ? null : status, 25, cursor);
		}
		catch (InvalidInput ex) {
			model.addAttribute("invalid", true);
			page = customers.search(null, null, 25, null);
		}
		model.addAttribute("q", q);
		model.addAttribute("status", status);
		model.addAttribute("page", page);
		Map<String, String> names = new LinkedHashMap<>();
		page.items().forEach(c -> names.put(c.customerId(), Names.of(c.firstName(), c.lastName(), "")));
		model.addAttribute("names", names);
		return "customers";
	}

	/** A section another module contributes, as a table of rows (or one row). */
	public record Section(String name, List<String> columns, List<Map<String, String>> rows) {
	}

	@GetMapping("/customers/{id}")
	String customer(@PathVariable String id, Model model) {
		CustomerResponse customer = customers.get(id);
		CustomerId customerId = identifying.findByExternalId(customer.customerId()).orElseThrow();
		model.addAttribute("c", customer);
		model.addAttribute("name", Names.of(customer.firstName(), customer.lastName(), customer.customerId()));
		model.addAttribute("journey", journeys.find(customerId).orElse(null));
		model.addAttribute("stages", overview.stageTimeline(customerId));
		model.addAttribute("factors", shown(section("health", json.readTree(overview.healthFactors(customerId)))));
		List<Section> contributed = new ArrayList<>();
		for (ProfileSection section : sections) {
			contributed.add(shown(section(section.name(), json.valueToTree(section.of(customerId)))));
		}
		model.addAttribute("sections", contributed);
		model.addAttribute("editable", EDITABLE);
		CustomerLeadScores.Standing lead = leadScores.of(customerId, CHART_POINTS);
		model.addAttribute("lead", lead);
		model.addAttribute("leadChart", json.writeValueAsString(chart(lead)));
		model.addAttribute("runs", workflows.runsOf(customerId, LATEST));
		model.addAttribute("messages", messages.latest(customerId, LATEST));
		model.addAttribute("zone", clock.getZone());
		return "customer";
	}

	private Map<String, Object> chart(CustomerLeadScores.Standing lead) {
		List<String> labels = new ArrayList<>();
		List<Double> values = new ArrayList<>();
		for (CustomerLeadScores.Point point : lead.history()) {
			labels.add(CHART_TIME.format(point.at().atZone(clock.getZone())));
			values.add(Math.round(point.composite() * 10) / 10.0);
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("labels", labels);
		chart.put("values", values);
		return chart;
	}

	/** Step one of a merge: the other profile named, both shown side by side before anything changes. */
	@PostMapping("/customers/{id}/merge/review")
	String reviewMerge(@PathVariable String id, @RequestParam(required = false) String source, Model model) {
		CustomerResponse target = customers.get(id);
		model.addAttribute("c", target);
		model.addAttribute("source", source == null ? "" : source.strip());
		String refusal = mergeRefusal(target, source);
		if (refusal != null) {
			model.addAttribute("error", refusal);
			return "customer-merge";
		}
		CustomerResponse other;
		try {
			other = customers.get(source.strip());
		}
		catch (Problem ex) {
			model.addAttribute("error", "web.customer.merge.unknown");
			return "customer-merge";
		}
		if ("merged".equals(other.status()) || "erased".equals(other.status())) {
			model.addAttribute("error", "web.customer.merge.sourceMerged");
			return "customer-merge";
		}
		model.addAttribute("other", other);
		return "customer-merge";
	}

	/** Step two: the confirmed merge of {@code source} into this profile, then both profiles as they are now. */
	@PostMapping("/customers/{id}/merge")
	String merge(@PathVariable String id, @RequestParam(required = false) String source, HttpServletRequest request,
			Model model) {
		CustomerResponse target = customers.get(id);
		model.addAttribute("c", target);
		model.addAttribute("source", source == null ? "" : source.strip());
		String refusal = mergeRefusal(target, source);
		if (refusal != null) {
			model.addAttribute("error", refusal);
			return "customer-merge";
		}
		try {
			CustomerRecords.MergeOutcome outcome = customers.merge(source.strip(), id, actor(request));
			model.addAttribute("c", outcome.target());
			model.addAttribute("other", outcome.source());
			model.addAttribute("merged", true);
		}
		catch (Problem ex) {
			model.addAttribute("problem", ex.getMessage());
		}
		return "customer-merge";
	}

	/** @return a message key when the merge cannot even be reviewed, or {@code null} */
	private static String mergeRefusal(CustomerResponse target, String source) {
		if (source == null || source.isBlank()) {
			return "web.customer.merge.required";
		}
		if (source.strip().equals(target.customerId())) {
			return "web.customer.merge.self";
		}
		if ("merged".equals(target.status()) || "erased".equals(target.status())) {
			return "web.customer.merge.targetMerged";
		}
		return null;
	}

	@PostMapping("/customers/{id}/unmerge")
	String unmerge(@PathVariable String id, HttpServletRequest request, RedirectAttributes redirect) {
		try {
			customers.unmerge(id, actor(request));
			redirect.addFlashAttribute("unmerged", true);
		}
		catch (Problem ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/customers/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
	}

	@GetMapping("/customers/{id}/edit")
	String editForm(@PathVariable String id, Model model) {
		CustomerResponse customer = customers.get(id);
		model.addAttribute("c", customer);
		model.addAttribute("values", values(customer));
		model.addAttribute("editable", EDITABLE);
		return "customer-edit";
	}

	@PostMapping("/customers/{id}/edit")
	String edit(@PathVariable String id, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect) {
		CustomerResponse current = customers.get(id);
		Map<String, Object> patch = new LinkedHashMap<>();
		Map<String, String> before = values(current);
		for (String field : EDITABLE) {
			String value = form.get(field);
			if (value == null) {
				continue;
			}
			String trimmed = value.strip();
			if (!trimmed.equals(before.get(field) == null ? "" : before.get(field))) {
				patch.put(field, trimmed.isEmpty() ? null : trimmed);
			}
		}
		try {
			Long version = form.containsKey("version") ? Long.valueOf(form.get("version")) : null;
			customers.update(id, patch, version);
		}
		catch (Problem | NumberFormatException ex) {
			model.addAttribute("c", current);
			model.addAttribute("values", form);
			model.addAttribute("editable", EDITABLE);
			model.addAttribute("error", ex.getMessage());
			return "customer-edit";
		}
		redirect.addFlashAttribute("saved", true);
		return "redirect:/customers/" + org.springframework.web.util.UriUtils.encodePathSegment(id,
				java.nio.charset.StandardCharsets.UTF_8);
	}

	@PostMapping("/customers/{id}/export")
	ResponseEntity<String> export(@PathVariable String id, HttpServletRequest request) {
		Map<String, Object> data = customers.export(id, actor(request));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("customer-" + id.replaceAll("[^A-Za-z0-9_-]", "_") + ".json")
						.build()
						.toString())
			.body(json.writeValueAsString(data));
	}

	@PostMapping("/customers/{id}/erase")
	String erase(@PathVariable String id, @RequestParam(required = false) String confirm, HttpServletRequest request,
			RedirectAttributes redirect) {
		if (confirm == null || !confirm.strip().equals(id)) {
			redirect.addFlashAttribute("eraseRefused", true);
			return "redirect:/customers/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8) + "#erase";
		}
		customers.erase(id, actor(request));
		redirect.addFlashAttribute("erased", true);
		return "redirect:/customers";
	}

	private static Actor actor(HttpServletRequest request) {
		return request.getAttribute(Actor.REQUEST_ATTRIBUTE) instanceof Actor known ? known : Actor.SYSTEM;
	}

	private static Map<String, String> values(CustomerResponse c) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("first_name", c.firstName());
		values.put("last_name", c.lastName());
		values.put("email", c.email());
		values.put("phone", c.phone());
		values.put("city", c.city());
		values.put("member_tier", c.memberTier());
		values.put("locale", c.locale());
		values.put("version", Long.toString(c.version()));
		return values;
	}

	private static final java.util.regex.Pattern INSTANT = java.util.regex.Pattern
		.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})");

	/**
	 * A section as a person reads it: times in the mall's zone, codes (touchpoint types, channels, factor names and
	 * measures, consent states) by their label in the reader's language; a value without a label stays as it is.
	 */
	private Section shown(Section section) {
		java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		List<Map<String, String>> rows = new ArrayList<>();
		for (Map<String, String> row : section.rows()) {
			Map<String, String> shown = new LinkedHashMap<>();
			row.forEach((column, value) -> {
				String text = value;
				if (value != null && INSTANT.matcher(value).matches()) {
					text = CHART_TIME.format(java.time.OffsetDateTime.parse(value).atZoneSameInstant(clock.getZone()));
				}
				else if (value != null && !value.isBlank()) {
					text = texts.getMessage("web.value." + column + "." + value, null, value, locale);
				}
				shown.put(column, text);
			});
			rows.add(shown);
		}
		return new Section(section.name(), section.columns(), rows);
	}

	private static Section section(String name, JsonNode content) {
		List<String> columns = new ArrayList<>();
		List<Map<String, String>> rows = new ArrayList<>();
		List<JsonNode> items = new ArrayList<>();
		if (content.isArray()) {
			content.forEach(items::add);
		}
		else if (content.isObject()) {
			items.add(content);
		}
		for (JsonNode item : items) {
			Map<String, String> row = new LinkedHashMap<>();
			if (item.isObject()) {
				for (var entry : item.properties()) {
					if (entry.getKey().endsWith("_id") && !entry.getKey().equals("store_id")) {
						continue;
					}
					if (!columns.contains(entry.getKey())) {
						columns.add(entry.getKey());
					}
					JsonNode value = entry.getValue();
					row.put(entry.getKey(), value.isValueNode() ? value.asString() : value.toString());
				}
			}
			else {
				if (!columns.contains("value")) {
					columns.add("value");
				}
				row.put("value", item.asString());
			}
			rows.add(row);
		}
		return new Section(name, columns, rows);
	}
}
