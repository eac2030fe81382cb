package io.atrium.goals;

import java.security.Principal;
import java.util.List;

import io.atrium.shared.InvalidInput;
import io.atrium.shared.Page;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/config/**}: goals and their progress, AI preferences, and the change history. Everyone reads;
 * only ADMIN writes (URL rules in access).
 */
@RestController
class ConfigController {

	private final BusinessGoals goals;

	private final AiPreferences preferences;

	private final ConfigHistory history;

	ConfigController(BusinessGoals goals, AiPreferences preferences, ConfigHistory history) {
		this.goals = goals;
		this.preferences = preferences;
		this.history = history;
	}

	/**
	 * The goals document.
	 * @param goals the goals, in order
	 */
	record GoalsDocument(List<Goal> goals) {
	}

	/**
	 * Progress of every goal.
	 * @param items one per goal, in the goals' order
	 * @param thresholds the status rule
	 */
	record ProgressView(List<GoalProgress> items, GoalProgress.Thresholds thresholds) {
	}

	@GetMapping("/api/config/goals")
	GoalsDocument goals() {
		return new GoalsDocument(goals.list());
	}

	@PutMapping("/api/config/goals")
	GoalsDocument replaceGoals(@RequestBody(required = false) GoalsDocument document, Principal principal) {
		if (document == null || document.goals() == null) {
			throw InvalidInput.of("goals", "is required (a list, possibly empty)");
		}
		return new GoalsDocument(goals.replace(document.goals(), principal.getName()));
	}

	@GetMapping("/api/config/goals/progress")
	ProgressView progress() {
		return new ProgressView(goals.progress(), BusinessGoals.THRESHOLDS);
	}

	@GetMapping("/api/config/ai-preferences")
	AiPreferences.Preferences aiPreferences() {
		return preferences.current();
	}

	@PutMapping("/api/config/ai-preferences")
	AiPreferences.Preferences updateAiPreferences(@RequestBody(required = false) AiPreferences.Choice choice,
			Principal principal) {
		if (choice == null || (choice.responseStyle() == null && choice.riskTolerance() == null
				&& choice.innovationLevel() == null)) {
			throw InvalidInput.of("response_style", "give at least one of response_style, risk_tolerance, innovation_level");
		}
		return preferences.update(choice, principal.getName());
	}

	@GetMapping("/api/config/history")
	Page<ConfigHistory.ConfigChange> history(@RequestParam(required = false) String kind,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		return history.list(kind, cursor, limit);
	}

	@PostMapping("/api/config/history/{id}/revert")
	ConfigHistory.ConfigChange revert(@PathVariable("id") String id, Principal principal) {
		return history.revert(id, principal.getName());
	}
}
