package io.atrium.web;

import java.security.Principal;
import java.util.List;

import io.atrium.goals.AiPreferences;
import io.atrium.goals.BusinessGoals;
import io.atrium.goals.ConfigHistory;
import io.atrium.shared.InvalidInput;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings (ADMIN only): business goals with their progress, the AI preferences (editable) and the history of
 * configuration changes, through the goals module's public API.
 */
@Controller
class SettingsPage {

	static final List<String> STYLES = List.of("concise", "detailed");

	static final List<String> RISK = List.of("conservative", "balanced", "aggressive");

	static final List<String> INNOVATION = List.of("proven", "balanced", "experimental");

	private final BusinessGoals goals;

	private final AiPreferences preferences;

	private final ConfigHistory history;

	private final java.time.ZoneId zone;

	SettingsPage(BusinessGoals goals, AiPreferences preferences, ConfigHistory history, java.time.Clock clock) {
		this.zone = clock.getZone();
		this.goals = goals;
		this.preferences = preferences;
		this.history = history;
	}

	@GetMapping("/settings")
	String page(@RequestParam(required = false) String saved, Model model) {
		fill(model);
		model.addAttribute("saved", saved != null);
		return "settings";
	}

	@PostMapping("/settings/ai-preferences")
	String savePreferences(@RequestParam(name = "response_style", required = false) String style,
			@RequestParam(name = "risk_tolerance", required = false) String risk,
			@RequestParam(name = "innovation_level", required = false) String innovation, Principal principal,
			Model model) {
		try {
			preferences.update(new AiPreferences.Choice(style, risk, innovation), principal.getName());
			return "redirect:/settings?saved";
		}
		catch (InvalidInput ex) {
			fill(model);
			model.addAttribute("problem", ex.getMessage());
			return "settings";
		}
	}

	private void fill(Model model) {
		model.addAttribute("progress", goals.progress());
		model.addAttribute("prefs", preferences.current());
		model.addAttribute("styles", STYLES);
		model.addAttribute("risks", RISK);
		model.addAttribute("innovations", INNOVATION);
		model.addAttribute("changes", history.list(null, null, 20).items());
		model.addAttribute("zone", zone);
	}
}
