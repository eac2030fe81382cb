package io.atrium.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.atrium.audit.AuditEntry;
import io.atrium.audit.AuditTrail;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Page;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log (ADMIN only): who did what to what, with what outcome, newest first; filtered by actor, action
 * prefix, target prefix, outcome and days (in the mall's zone), fifty rows a page.
 */
@Controller
class AuditPage {

	static final List<String> OUTCOMES = List.of("success", "denied", "rejected", "failed");

	private final AuditTrail audit;

	private final ZoneId zone;

	private final org.springframework.context.MessageSource messages;

	AuditPage(AuditTrail audit, Clock clock, org.springframework.context.MessageSource messages) {
		this.messages = messages;
		this.audit = audit;
		this.zone = clock.getZone();
	}

	/** The filter as the form shows it again. */
	public record Form(String actor, String action, String target, String outcome, String from, String to) {
	}

	@GetMapping("/audit")
	String page(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String target, @RequestParam(required = false) String outcome,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String cursor, java.util.Locale locale, Model model) {
		Form form = new Form(blank(actor), blank(action), blank(target),
				outcome != null && OUTCOMES.contains(outcome) ? outcome : null, blank(from), blank(to));
		model.addAttribute("form", form);
		model.addAttribute("outcomes", OUTCOMES);
		model.addAttribute("zone", zone);
		try {
			AuditTrail.Filter filter = new AuditTrail.Filter(form.actor(), form.action(), form.target(),
					form.outcome(), day("from", form.from(), 0), day("to", form.to(), 1));
			Page<AuditEntry> page;
			try {
				page = audit.find(filter, cursor, 50);
			}
			catch (InvalidInput badCursor) {
				page = audit.find(filter, null, 50);
			}
			model.addAttribute("page", page);
		}
		catch (InvalidInput ex) {
			model.addAttribute("problem", messages.getMessage("web.extra.audit.problem.date", null, locale));
			model.addAttribute("problemDetail", ex.getMessage());
			model.addAttribute("page", new Page<AuditEntry>(List.of(), null));
		}
		return "audit";
	}

	private Instant day(String field, String value, int plusDays) {
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value).plusDays(plusDays).atStartOfDay(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw InvalidInput.of(field, "must be a date such as 2026-11-24");
		}
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
