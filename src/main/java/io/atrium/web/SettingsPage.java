package io.atrium.web;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import io.atrium.access.AccessAdministration;
import io.atrium.access.Role;
import io.atrium.analytics.AnalyticsReports;
import io.atrium.goals.AiPreferences;
import io.atrium.goals.BusinessGoals;
import io.atrium.goals.ConfigHistory;
import io.atrium.goals.Goal;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.NotFound;
import io.atrium.shared.Problem;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings (ADMIN only): users and roles, API tokens and tracking write keys (through the access module's
 * public administration service), business goals with their progress and an edit form, the AI preferences,
 * and the history of configuration changes with a revert per change (through the goals module's public API).
 * A refused change re-renders the page with the translated reason and the form as it was filled in.
 */
@Controller
class SettingsPage {

	static final List<String> STYLES = List.of("concise", "detailed");

	static final List<String> RISK = List.of("conservative", "balanced", "aggressive");

	static final List<String> INNOVATION = List.of("proven", "balanced", "experimental");

	static final List<String> ROLES = java.util.Arrays.stream(Role.values()).map(Role::name).toList();

	static final List<String> METRICS;

	/** What {@code ?saved=} may name (anything else shows the general notice). */
	static final java.util.Set<String> SAVED = java.util.Set.of("ai", "user", "token", "write_key", "goal", "revert");

	static {
		TreeSet<String> metrics = new TreeSet<>(AnalyticsReports.METRICS);
		metrics.add("nps");
		METRICS = List.copyOf(metrics);
	}

	private final BusinessGoals goals;

	private final AiPreferences preferences;

	private final ConfigHistory history;

	private final AccessAdministration access;

	private final MessageSource messages;

	private final java.time.ZoneId zone;

	SettingsPage(BusinessGoals goals, AiPreferences preferences, ConfigHistory history, AccessAdministration access,
			MessageSource messages, java.time.Clock clock) {
		this.zone = clock.getZone();
		this.goals = goals;
		this.preferences = preferences;
		this.history = history;
		this.access = access;
		this.messages = messages;
	}

	/** What the goal form shows: empty for a new goal, the goal's values when editing, or what was posted. */
	public record GoalForm(String id, String name, String metric, String target, String period, String from, String to,
			String owner) {

		static final GoalForm EMPTY = new GoalForm("", "", "revenue", "", "", "", "", "");

		static GoalForm of(Goal goal) {
			return new GoalForm(goal.id(), goal.name(), goal.metric(), goal.target().toPlainString(),
					goal.period() == null ? "" : goal.period(), goal.period() == null ? goal.from().toString() : "",
					goal.period() == null ? goal.to().toString() : "", goal.owner() == null ? "" : goal.owner());
		}

		public boolean editing() {
			return id != null && !id.isBlank();
		}
	}

	/** What the new-user form shows after a refusal (never the password). */
	public record UserForm(String username, String displayName, String role) {

		static final UserForm EMPTY = new UserForm("", "", "MARKETER");
	}

	@GetMapping("/settings")
	String page(@RequestParam(required = false) String saved, @RequestParam(name = "edit_goal", required = false) String editGoal,
			Model model) {
		GoalForm form = GoalForm.EMPTY;
		if (editGoal != null && !editGoal.isBlank()) {
			form = goals.find(editGoal).map(GoalForm::of).orElse(GoalForm.EMPTY);
		}
		fill(model, form, UserForm.EMPTY);
		model.addAttribute("saved", saved == null ? null : SAVED.contains(saved) ? saved : "");
		return "settings";
	}

	@PostMapping("/settings/ai-preferences")
	String savePreferences(@RequestParam(name = "response_style", required = false) String style,
			@RequestParam(name = "risk_tolerance", required = false) String risk,
			@RequestParam(name = "innovation_level", required = false) String innovation, Principal principal,
			Model model, Locale locale) {
		try {
			preferences.update(new AiPreferences.Choice(style, risk, innovation), principal.getName());
			return "redirect:/settings?saved=ai";
		}
		catch (InvalidInput ex) {
			return refused(model, ex, locale, GoalForm.EMPTY, UserForm.EMPTY);
		}
	}

	// users and roles

	@PostMapping("/settings/users")
	String createUser(@RequestParam(required = false) String username,
			@RequestParam(name = "display_name", required = false) String displayName,
			@RequestParam(required = false) String password, @RequestParam(required = false) String role, Model model,
			Locale locale) {
		try {
			access.createUser(username, displayName, password, role);
			return "redirect:/settings?saved=user#users";
		}
		catch (Problem ex) {
			return refused(model, ex, locale, GoalForm.EMPTY, new UserForm(username, displayName, role));
		}
	}

	@PostMapping("/settings/users/{username}/role")
	String changeRole(@PathVariable String username, @RequestParam(required = false) String role,
			Principal principal, Model model, Locale locale) {
		try {
			access.changeRole(principal.getName(), username, role);
			return "redirect:/settings?saved=user#users";
		}
		catch (InvalidInput | io.atrium.shared.Conflict ex) {
			return refused(model, ex, locale, GoalForm.EMPTY, UserForm.EMPTY);
		}
	}

	@PostMapping("/settings/users/{username}/enabled")
	String setEnabled(@PathVariable String username, @RequestParam(required = false) String enabled,
			Principal principal, Model model, Locale locale) {
		try {
			if (!"true".equals(enabled) && !"false".equals(enabled)) {
				throw InvalidInput.of("enabled", "must be true or false");
			}
			access.setEnabled(principal.getName(), username, Boolean.parseBoolean(enabled));
			return "redirect:/settings?saved=user#users";
		}
		catch (InvalidInput | io.atrium.shared.Conflict ex) {
			return refused(model, ex, locale, GoalForm.EMPTY, UserForm.EMPTY);
		}
	}

	// API tokens and write keys: the secret is shown once, on the page answering the creation

	@PostMapping("/settings/tokens")
	String createToken(@RequestParam(required = false) String name, @RequestParam(required = false) String role,
			@RequestParam(name = "expires_in_days", required = false) String expires, Principal principal,
			Model model, Locale locale) {
		try {
			Integer days = null;
			if (expires != null && !expires.isBlank()) {
				try {
					days = Integer.valueOf(expires.strip());
				}
				catch (NumberFormatException ex) {
					throw InvalidInput.of("expires_in_days", "must be 1 to 3650 days");
				}
			}
			model.addAttribute("secret", access.createToken(name, role, days, principal.getName()));
			model.addAttribute("kind", "token");
			return "settings-secret";
		}
		catch (InvalidInput ex) {
			return refused(model, ex, locale, GoalForm.EMPTY, UserForm.EMPTY);
		}
	}

	@PostMapping("/settings/tokens/{id}/revoke")
	String revokeToken(@PathVariable String id) {
		access.revokeToken(uuid(id, "token-not-found"));
		return "redirect:/settings?saved=token#tokens";
	}

	@PostMapping("/settings/write-keys")
	String createWriteKey(@RequestParam(required = false) String name, Principal principal, Model model,
			Locale locale) {
		try {
			model.addAttribute("secret", access.createWriteKey(name, principal.getName()));
			model.addAttribute("kind", "write_key");
			return "settings-secret";
		}
		catch (InvalidInput ex) {
			return refused(model, ex, locale, GoalForm.EMPTY, UserForm.EMPTY);
		}
	}

	@PostMapping("/settings/write-keys/{id}/revoke")
	String revokeWriteKey(@PathVariable String id) {
		access.revokeWriteKey(uuid(id, "write-key-not-found"));
		return "redirect:/settings?saved=write_key#write-keys";
	}

	// goals

	@PostMapping("/settings/goals")
	String saveGoal(@RequestParam Map<String, String> form, Principal principal, Model model, Locale locale) {
		GoalForm posted = new GoalForm(text(form, "id"), text(form, "name"), text(form, "metric"), text(form, "target"),
				text(form, "period"), text(form, "from"), text(form, "to"), text(form, "owner"));
		try {
			goals.save(goal(posted), principal.getName());
			return "redirect:/settings?saved=goal#goals";
		}
		catch (InvalidInput | NotFound ex) {
			return refused(model, ex, locale, posted, UserForm.EMPTY);
		}
	}

	@PostMapping("/settings/goals/{id}/remove")
	String removeGoal(@PathVariable String id, Principal principal) {
		goals.remove(id, principal.getName());
		return "redirect:/settings?saved=goal#goals";
	}

	// configuration history

	@PostMapping("/settings/history/{id}/revert")
	String revert(@PathVariable String id, Principal principal) {
		history.revert(id, principal.getName());
		return "redirect:/settings?saved=revert#history";
	}

	private static Goal goal(GoalForm form) {
		BigDecimal target = null;
		List<Problem.FieldError> errors = new ArrayList<>();
		if (!form.target().isBlank()) {
			try {
				target = new BigDecimal(form.target().strip());
			}
			catch (NumberFormatException ex) {
				errors.add(new Problem.FieldError("target", "must be a number"));
			}
		}
		LocalDate from = date(form.from(), "from", errors);
		LocalDate to = date(form.to(), "to", errors);
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors.get(0).field() + ": " + errors.get(0).message(), errors);
		}
		return new Goal(form.id().isBlank() ? null : form.id(), form.name(), form.metric(), target,
				form.period().isBlank() ? null : form.period(), from, to, form.owner().isBlank() ? null : form.owner());
	}

	private static LocalDate date(String value, String field, List<Problem.FieldError> errors) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			errors.add(new Problem.FieldError(field, "must be a date such as 2026-11-24"));
			return null;
		}
	}

	private static String text(Map<String, String> form, String field) {
		String value = form.get(field);
		return value == null ? "" : value;
	}

	private static UUID uuid(String id, String slug) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFound(slug, "no such id " + id);
		}
	}

	private String refused(Model model, Problem problem, Locale locale, GoalForm goalForm, UserForm userForm) {
		fill(model, goalForm, userForm);
		model.addAttribute("problems", reasons(problem, locale));
		return "settings";
	}

	/**
	 * The reasons for a refusal in the reader's language: one per offending field (or one for the problem's
	 * type), the module's English detail only when no translation is known.
	 */
	List<String> reasons(Problem problem, Locale locale) {
		List<String> keys = new ArrayList<>();
		if (problem.errors().isEmpty()) {
			keys.add("settings.reason." + problem.slug());
		}
		for (Problem.FieldError error : problem.errors()) {
			String field = error.field().replaceAll("^goals\\[\\d+\\]\\.", "");
			keys.add("settings.reason." + field);
		}
		Map<String, Boolean> reasons = new LinkedHashMap<>();
		for (String key : keys) {
			String reason = messages.getMessage(key, null, null, locale);
			reasons.put(reason != null ? reason
					: messages.getMessage("settings.reason.other", new Object[] { problem.getMessage() }, locale), true);
		}
		return List.copyOf(reasons.keySet());
	}

	private void fill(Model model, GoalForm goalForm, UserForm userForm) {
		model.addAttribute("progress", goals.progress());
		model.addAttribute("prefs", preferences.current());
		model.addAttribute("styles", STYLES);
		model.addAttribute("risks", RISK);
		model.addAttribute("innovations", INNOVATION);
		model.addAttribute("changes", history.list(null, null, 20).items());
		model.addAttribute("users", access.users());
		model.addAttribute("tokens", access.tokens());
		model.addAttribute("writeKeys", access.writeKeys());
		model.addAttribute("roles", ROLES);
		model.addAttribute("metrics", METRICS);
		model.addAttribute("goalForm", goalForm);
		model.addAttribute("userForm", userForm);
		model.addAttribute("zone", zone);
	}
}
