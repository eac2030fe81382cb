package io.atrium.goals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atrium.shared.InvalidInput;
import io.atrium.shared.Problem.FieldError;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How the assistant and the recommendation features should behave, and the thresholds that follow from it.
 * Read by the assistant ({@link #current()}); written by admins.
 */
@Service
public class AiPreferences {

	static final String KIND = "ai_preferences";

	static final List<String> STYLES = List.of("concise", "detailed");

	static final List<String> RISK = List.of("conservative", "balanced", "aggressive");

	static final List<String> INNOVATION = List.of("proven", "balanced", "experimental");

	/** What the installation uses before anyone chose: concise, balanced, balanced. */
	public static final Choice DEFAULTS = new Choice("concise", "balanced", "balanced");

	private final ConfigDocuments documents;

	private final JsonMapper json;

	AiPreferences(ConfigDocuments documents, JsonMapper json) {
		this.documents = documents;
		this.json = json;
	}

	/**
	 * The three choices an admin makes.
	 *
	 * @param responseStyle {@code concise} or {@code detailed}
	 * @param riskTolerance {@code conservative}, {@code balanced} or {@code aggressive}
	 * @param innovationLevel {@code proven}, {@code balanced} or {@code experimental}
	 */
	public record Choice(String responseStyle, String riskTolerance, String innovationLevel) {
	}

	/**
	 * The choices and what they imply.
	 *
	 * @param responseStyle as chosen
	 * @param riskTolerance as chosen
	 * @param innovationLevel as chosen
	 * @param thresholds derived values other features read
	 */
	public record Preferences(String responseStyle, String riskTolerance, String innovationLevel,
			Thresholds thresholds) {
	}

	/**
	 * @param highChurnRisk churn risk (0–1) from which a customer counts as high risk: 0.6 conservative, 0.7
	 * balanced, 0.8 aggressive (a conservative mall wants to hear of risk earlier)
	 * @param recommendationWording how strongly recommendations are worded: {@code cautious}, {@code measured},
	 * {@code assertive}
	 * @param maxExperimentalShare at most this share of suggestions may be untested tactics: 0 proven, 0.2
	 * balanced, 0.5 experimental
	 */
	public record Thresholds(BigDecimal highChurnRisk, String recommendationWording,
			BigDecimal maxExperimentalShare) {
	}

	/** @return the current preferences, the defaults when none were set; never {@code null} */
	@Transactional(readOnly = true)
	public Preferences current() {
		return derive(documents.current(KIND).map(body -> json.readValue(body, Choice.class)).orElse(DEFAULTS));
	}

	/**
	 * Changes some or all choices and keeps the change.
	 * @param change the choices to change; {@code null} components keep their current value
	 * @param actor who changes them
	 * @return the preferences now in force
	 * @throws InvalidInput naming each field with a value outside its list; nothing is stored then
	 */
	@Transactional
	public Preferences update(Choice change, String actor) {
		Preferences now = current();
		List<FieldError> errors = new ArrayList<>();
		Choice next = new Choice(pick("response_style", change.responseStyle(), now.responseStyle(), STYLES, errors),
				pick("risk_tolerance", change.riskTolerance(), now.riskTolerance(), RISK, errors),
				pick("innovation_level", change.innovationLevel(), now.innovationLevel(), INNOVATION, errors));
		if (!errors.isEmpty()) {
			throw new InvalidInput("AI preferences are invalid", errors);
		}
		documents.write(KIND, json.writeValueAsString(next), actor, null);
		return derive(next);
	}

	static Preferences derive(Choice choice) {
		Map<String, BigDecimal> churn = Map.of("conservative", new BigDecimal("0.6"), "balanced",
				new BigDecimal("0.7"), "aggressive", new BigDecimal("0.8"));
		Map<String, String> wording = Map.of("conservative", "cautious", "balanced", "measured", "aggressive",
				"assertive");
		Map<String, BigDecimal> experimental = Map.of("proven", BigDecimal.ZERO, "balanced", new BigDecimal("0.2"),
				"experimental", new BigDecimal("0.5"));
		return new Preferences(choice.responseStyle(), choice.riskTolerance(), choice.innovationLevel(),
				new Thresholds(churn.get(choice.riskTolerance()), wording.get(choice.riskTolerance()),
						experimental.get(choice.innovationLevel())));
	}

	private static String pick(String field, String requested, String current, List<String> allowed,
			List<FieldError> errors) {
		if (requested == null) {
			return current;
		}
		String value = requested.strip().toLowerCase(Locale.ROOT);
		if (!allowed.contains(value)) {
			errors.add(new FieldError(field, "must be one of " + String.join(", ", allowed)));
			return current;
		}
		return value;
	}
}
