package io.atrium.goals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atrium.analytics.AnalyticsReports;
import io.atrium.shared.DateRange;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Problem.FieldError;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mall's business goals and their live progress. Read by the goals endpoints and the assistant.
 */
@Service
public class BusinessGoals {

	static final String KIND = "goals";

	static final int MAX_GOALS = 100;

	/** Status thresholds, in percent of target (of the forecast for additive metrics, of the value otherwise). */
	public static final GoalProgress.Thresholds THRESHOLDS = new GoalProgress.Thresholds(BigDecimal.valueOf(100),
			BigDecimal.valueOf(90));

	static final Set<String> UNMEASURED = Set.of("nps");

	private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

	private static final TypeReference<List<Goal>> GOALS = new TypeReference<>() {
	};

	private final ConfigDocuments documents;

	private final AnalyticsReports analytics;

	private final JsonMapper json;

	private final Clock clock;

	BusinessGoals(ConfigDocuments documents, AnalyticsReports analytics, JsonMapper json, Clock clock) {
		this.documents = documents;
		this.analytics = analytics;
		this.json = json;
		this.clock = clock;
	}

	/** @return the current goals, in the order they were given; empty when none were set, never {@code null} */
	@Transactional(readOnly = true)
	public List<Goal> list() {
		return documents.current(KIND).map(body -> json.readValue(body, GOALS)).orElse(List.of());
	}

	/**
	 * Replaces all goals (a PUT of the whole list) and keeps the change.
	 * @param goals the new list; ids may be {@code null} (generated); periods given as {@code period} or dates
	 * @param actor who changes them
	 * @return the stored goals with ids and resolved dates
	 * @throws InvalidInput naming {@code goals[i].field} for every invalid field; nothing is stored then
	 */
	@Transactional
	public List<Goal> replace(List<Goal> goals, String actor) {
		List<Goal> valid = validate(goals);
		documents.write(KIND, json.writeValueAsString(valid), actor, null);
		return valid;
	}

	/**
	 * Adds a goal, or changes the one with the same id, keeping the others as they are; the same rules as
	 * {@link #replace}.
	 * @param goal the goal; a {@code null} or blank id adds a new one
	 * @param actor who changes it
	 * @return the stored goal
	 * @throws InvalidInput naming {@code goals[i].field} for every invalid field; nothing is stored then
	 * @throws io.atrium.shared.NotFound when the id names no current goal
	 */
	@Transactional
	public Goal save(Goal goal, String actor) {
		List<Goal> goals = asGiven();
		int at = goals.size();
		if (goal.id() != null && !goal.id().isBlank()) {
			at = indexOf(goals, goal.id());
			goals.set(at, goal);
		}
		else {
			goals.add(goal);
		}
		return replace(goals, actor).get(at);
	}

	/**
	 * Removes one goal, keeping the others.
	 * @param id the goal's id
	 * @param actor who removes it
	 * @throws io.atrium.shared.NotFound when the id names no current goal
	 */
	@Transactional
	public void remove(String id, String actor) {
		List<Goal> goals = asGiven();
		goals.remove(indexOf(goals, id));
		replace(goals, actor);
	}

	/**
	 * @param id a goal id
	 * @return the current goal with this id
	 */
	@Transactional(readOnly = true)
	public Optional<Goal> find(String id) {
		return list().stream().filter(g -> g.id().equals(id)).findFirst();
	}

	/** The current goals as they were given: a goal given by period loses its resolved dates, so it validates again. */
	private List<Goal> asGiven() {
		List<Goal> goals = new ArrayList<>();
		for (Goal goal : list()) {
			goals.add(goal.period() == null ? goal
					: new Goal(goal.id(), goal.name(), goal.metric(), goal.target(), goal.period(), null, null, goal.owner()));
		}
		return goals;
	}

	private static int indexOf(List<Goal> goals, String id) {
		for (int i = 0; i < goals.size(); i++) {
			if (goals.get(i).id().equals(id)) {
				return i;
			}
		}
		throw new io.atrium.shared.NotFound("goal-not-found", "no goal with id " + id);
	}

	/** @return the live progress of every current goal, never {@code null} */
	@Transactional(readOnly = true)
	public List<GoalProgress> progress() {
		LocalDate today = LocalDate.now(clock);
		return list().stream().map(goal -> progress(goal, today)).toList();
	}

	GoalProgress progress(Goal goal, LocalDate today) {
		DateRange period = new DateRange(goal.from(), goal.to(), clock.getZone());
		BigDecimal elapsedPct;
		if (today.isBefore(goal.from())) {
			return new GoalProgress(goal, "not_started", null, null, BigDecimal.ZERO.setScale(1), null, null, null, null,
					THRESHOLDS, "the period starts on " + goal.from());
		}
		DateRange elapsed = period.withTo(today.isBefore(goal.to()) ? today : goal.to());
		elapsedPct = pct(BigDecimal.valueOf(elapsed.days()), BigDecimal.valueOf(period.days()));
		if (UNMEASURED.contains(goal.metric())) {
			return new GoalProgress(goal, "unavailable", null, null, elapsedPct, null, null, null, null, THRESHOLDS,
					"no NPS survey source is installed");
		}
		String metric = AnalyticsReports.canonical(goal.metric());
		Optional<BigDecimal> measured = analytics.value(metric, elapsed);
		if (measured.isEmpty()) {
			return new GoalProgress(goal, "unavailable", null, null, elapsedPct, null, null, null, null, THRESHOLDS,
					"no data to compute " + metric + " from yet");
		}
		BigDecimal value = measured.get();
		BigDecimal ofTarget = pct(value, goal.target());
		BigDecimal forecast;
		BigDecimal pace = null;
		String method;
		if (AnalyticsReports.ADDITIVE.contains(metric)) {
			List<Double> daily = analytics.daily(metric, elapsed).stream().map(BigDecimal::doubleValue).toList();
			forecast = BigDecimal.valueOf(LinearTrend.forecast(daily, period.days())).setScale(2, RoundingMode.HALF_UP);
			pace = value.multiply(BigDecimal.valueOf(100L * period.days()))
				.divide(goal.target().multiply(BigDecimal.valueOf(elapsed.days())), 1, RoundingMode.HALF_UP);
			method = "linear_trend";
		}
		else {
			forecast = value;
			method = "current_value";
		}
		BigDecimal forecastPct = pct(forecast, goal.target());
		String status = forecastPct.compareTo(THRESHOLDS.onTrackPct()) >= 0 ? "on_track"
				: forecastPct.compareTo(THRESHOLDS.atRiskPct()) >= 0 ? "at_risk" : "off_track";
		return new GoalProgress(goal, status, value, ofTarget, elapsedPct, pace, forecast, forecastPct, method,
				THRESHOLDS, null);
	}

	private static BigDecimal pct(BigDecimal part, BigDecimal whole) {
		return part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
	}

	List<Goal> validate(List<Goal> goals) {
		List<FieldError> errors = new ArrayList<>();
		if (goals == null) {
			throw InvalidInput.of("goals", "is required");
		}
		if (goals.size() > MAX_GOALS) {
			throw InvalidInput.of("goals", "at most " + MAX_GOALS + " goals");
		}
		List<Goal> valid = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < goals.size(); i++) {
			Goal goal = goals.get(i);
			String at = "goals[" + i + "].";
			if (goal == null) {
				errors.add(new FieldError("goals[" + i + "]", "must be an object"));
				continue;
			}
			String id = goal.id() == null || goal.id().isBlank() ? "g-" + UUID.randomUUID().toString().substring(0, 8)
					: goal.id().strip();
			if (id.length() > 64 || !ids.add(id)) {
				errors.add(new FieldError(at + "id", "must be unique and at most 64 characters"));
			}
			if (goal.name() == null || goal.name().isBlank() || goal.name().length() > 200) {
				errors.add(new FieldError(at + "name", "is required, at most 200 characters"));
			}
			String metric = goal.metric() == null ? "" : goal.metric().strip().toLowerCase(Locale.ROOT);
			if (!UNMEASURED.contains(metric)) {
				try {
					AnalyticsReports.canonical(metric);
				}
				catch (InvalidInput ex) {
					errors.add(new FieldError(at + "metric", ex.errors().get(0).message()));
				}
			}
			if (goal.target() == null || goal.target().signum() <= 0) {
				errors.add(new FieldError(at + "target", "must be more than zero"));
			}
			if (goal.owner() != null && goal.owner().length() > 200) {
				errors.add(new FieldError(at + "owner", "at most 200 characters"));
			}
			LocalDate[] dates = period(goal, at, errors);
			if (dates != null) {
				valid.add(new Goal(id, goal.name() == null ? null : goal.name().strip(), metric, goal.target(),
						goal.period() == null || goal.period().isBlank() ? null : goal.period().strip(), dates[0],
						dates[1], goal.owner()));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput("goals are invalid", errors);
		}
		return valid;
	}

	private static LocalDate[] period(Goal goal, String at, List<FieldError> errors) {
		String period = goal.period() == null ? "" : goal.period().strip().toUpperCase(Locale.ROOT);
		if (!period.isEmpty()) {
			if (goal.from() != null || goal.to() != null) {
				errors.add(new FieldError(at + "period", "give either period or from/to, not both"));
				return null;
			}
			Matcher quarter = QUARTER.matcher(period);
			if (quarter.matches()) {
				LocalDate from = LocalDate.of(Integer.parseInt(quarter.group(1)), (Integer.parseInt(quarter.group(2)) - 1) * 3 + 1, 1);
				return new LocalDate[] { from, from.plusMonths(3).minusDays(1) };
			}
			if (period.matches("\\d{4}")) {
				int year = Integer.parseInt(period);
				return new LocalDate[] { LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31) };
			}
			try {
				YearMonth month = YearMonth.parse(period);
				return new LocalDate[] { month.atDay(1), month.atEndOfMonth() };
			}
			catch (DateTimeParseException ex) {
				errors.add(new FieldError(at + "period", "must be a month (2026-11), quarter (2026-Q4) or year (2026)"));
				return null;
			}
		}
		if (goal.from() == null || goal.to() == null) {
			errors.add(new FieldError(at + (goal.from() == null ? "from" : "to"), "give period, or both from and to"));
			return null;
		}
		if (goal.to().isBefore(goal.from()) || ChronoUnit.YEARS.between(goal.from(), goal.to()) >= DateRange.MAX_YEARS) {
			errors.add(new FieldError(at + "to", "must not be before from, and within " + DateRange.MAX_YEARS + " years"));
			return null;
		}
		return new LocalDate[] { goal.from(), goal.to() };
	}
}
