package io.atrium.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import io.atrium.shared.Problem.FieldError;

import tools.jackson.databind.JsonNode;

/**
 * The rule language of dynamic segments: a JSON tree of allow-listed node types, checked in full and compiled to
 * a parameterised SQL predicate over alias {@code p} ({@code segment_profile}) and this module's fact and
 * membership tables. User input only ever becomes bind parameters; every SQL fragment comes from this class.
 * <p>
 * Nodes: {@code and}/{@code or} ({@code children}), {@code not} ({@code child}); {@code profile} ({@code field},
 * {@code op}, {@code value}); {@code trait} ({@code key}, {@code op}, {@code value}); {@code consent}
 * ({@code channel}, {@code status}); {@code touchpoint_count} ({@code touchpoint_type}, {@code window_days},
 * {@code op}, {@code value}); {@code purchase_amount} ({@code window_days}, {@code op}, {@code value} in CNY);
 * {@code no_touchpoint} ({@code touchpoint_type} optional, {@code days}); {@code in_segment}
 * ({@code segment_id}); {@code lifecycle_stage} ({@code stage}: a stage code or a list of them, the current stage
 * in it); {@code score} ({@code score}: composite, behavioral, demographic, engagement or predictive, {@code op},
 * {@code value} 0–100; a customer never scored counts as 0). Stages and scores come from the module's own
 * {@code segment_standing}, fed by the journey and scoring modules. Windows are calendar days in the mall's zone,
 * today included.
 */
final class SegmentRules {

	static final int MAX_DEPTH = 8;

	static final int MAX_NODES = 64;

	static final int MAX_WINDOW_DAYS = 3650;

	static final int MAX_IN_VALUES = 100;

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

	private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private enum Kind {
		TEXT, DATE, INSTANT
	}

	private record Field(String column, Kind kind) {
	}

	private static final Map<String, Field> PROFILE_FIELDS = Map.of("city", new Field("p.city", Kind.TEXT), "gender",
			new Field("p.gender", Kind.TEXT), "member_tier", new Field("p.member_tier", Kind.TEXT), "status",
			new Field("p.status", Kind.TEXT), "birth_date", new Field("p.birth_date", Kind.DATE), "member_since",
			new Field("p.member_since", Kind.DATE), "created_at", new Field("p.created_at", Kind.INSTANT));

	private static final Map<String, String> COMPARISONS = Map.of("eq", "=", "neq", "<>", "gt", ">", "gte", ">=",
			"lt", "<", "lte", "<=");

	private static final Set<String> TEXT_OPS = Set.of("eq", "neq", "in", "exists", "contains");

	private static final Set<String> DATE_OPS = Set.of("eq", "neq", "gt", "gte", "lt", "lte", "exists");

	private static final Set<String> TRAIT_OPS = Set.of("eq", "neq", "in", "gt", "gte", "lt", "lte", "exists",
			"contains");

	private static final Set<String> CHANNELS = Set.of("email", "sms", "push");

	private static final Set<String> CONSENT_STATUSES = Set.of("granted", "withdrawn");

	private static final Map<String, Set<String>> ATTRIBUTES = Map.ofEntries(
			Map.entry("and", Set.of("type", "children")), Map.entry("or", Set.of("type", "children")),
			Map.entry("not", Set.of("type", "child")), Map.entry("profile", Set.of("type", "field", "op", "value")),
			Map.entry("trait", Set.of("type", "key", "op", "value")),
			Map.entry("consent", Set.of("type", "channel", "status")),
			Map.entry("touchpoint_count", Set.of("type", "touchpoint_type", "window_days", "op", "value")),
			Map.entry("purchase_amount", Set.of("type", "window_days", "op", "value")),
			Map.entry("no_touchpoint", Set.of("type", "touchpoint_type", "days")),
			Map.entry("in_segment", Set.of("type", "segment_id")),
			Map.entry("lifecycle_stage", Set.of("type", "stage")),
			Map.entry("score", Set.of("type", "score", "op", "value")));

	/** The lifecycle stages of the journey module, by code, in their order. */
	static final List<String> STAGES = List.of("awareness", "consideration", "purchase", "retention", "advocacy");

	/** The lead scores of the scoring module a rule may compare, with their column in {@code segment_standing}. */
	private static final Map<String, String> SCORES = Map.of("composite", "s.composite", "behavioral",
			"s.behavioral", "demographic", "s.demographic", "engagement", "s.engagement", "predictive", "s.predictive");

	/**
	 * A checked rule turned into SQL.
	 * @param predicate a boolean SQL expression over alias {@code p}, with {@code ?} placeholders
	 * @param parameters the values of the placeholders, in order
	 * @param windows the day windows of time-relative nodes (empty when membership never changes by itself)
	 * @param segments ids of the segments the rule refers to through {@code in_segment}
	 * @param admitsWithTime whether the mere passing of time can make a customer a member (e.g. {@code no_touchpoint},
	 * {@code lt}); when not, timers are only needed for members, who can only leave with time
	 */
	record Compiled(String predicate, List<Object> parameters, Set<Integer> windows, Set<UUID> segments,
			boolean admitsWithTime, boolean usesStage, boolean usesScores) {
	}

	private final LocalDate today;

	private final ZoneId zone;

	private final SegmentTexts texts;

	private final List<FieldError> errors = new ArrayList<>();

	private final List<Object> parameters = new ArrayList<>();

	private final Set<Integer> windows = new TreeSet<>();

	private final Set<UUID> segments = new LinkedHashSet<>();

	private int nodes;

	private int negations;

	private boolean admitsWithTime;

	private boolean usesStage;

	private boolean usesScores;

	private SegmentRules(LocalDate today, ZoneId zone, SegmentTexts texts) {
		this.today = today;
		this.zone = zone;
		this.texts = texts;
	}

	/**
	 * Checks and compiles a rule tree.
	 * @param rule the tree, may be {@code null} (refused)
	 * @param today the mall's current date, the end of every window
	 * @throws io.atrium.shared.InvalidInput naming every offending path ({@code rule.children[1].op})
	 */
	static Compiled compile(JsonNode rule, LocalDate today, ZoneId zone, SegmentTexts texts) {
		SegmentRules rules = new SegmentRules(today, zone, texts);
		String predicate = rules.node(rule, "rule", 1);
		if (!rules.errors.isEmpty()) {
			throw texts.invalid(rules.errors);
		}
		return new Compiled(predicate, List.copyOf(rules.parameters), Set.copyOf(rules.windows),
				Set.copyOf(rules.segments), rules.admitsWithTime, rules.usesStage, rules.usesScores);
	}

	private String node(JsonNode node, String path, int depth) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return fail(path, "segment.rule.required");
		}
		if (!node.isObject()) {
			return fail(path, "segment.rule.object");
		}
		if (depth > MAX_DEPTH) {
			return fail(path, "segment.rule.too-deep", MAX_DEPTH);
		}
		if (++nodes > MAX_NODES) {
			return fail(path, "segment.rule.too-many-nodes", MAX_NODES);
		}
		JsonNode typeNode = node.get("type");
		if (typeNode == null || !typeNode.isString()) {
			return fail(path + ".type", "segment.rule.required");
		}
		String type = typeNode.stringValue();
		Set<String> allowed = ATTRIBUTES.get(type);
		if (allowed == null) {
			return fail(path + ".type", "segment.rule.unknown-type", type, String.join(", ", new TreeSet<>(ATTRIBUTES.keySet())));
		}
		for (String name : node.propertyNames()) {
			if (!allowed.contains(name)) {
				fail(path + "." + name, "segment.rule.unknown-attribute", name, type);
			}
		}
		switch (type) {
			case "and":
			case "or":
				return group(node, path, depth, type);
			case "not":
				negations++;
				String negated = "not (" + node(node.get("child"), path + ".child", depth + 1) + ")";
				negations--;
				return negated;
			case "profile":
				return profile(node, path);
			case "trait":
				return trait(node, path);
			case "consent":
				return consent(node, path);
			case "touchpoint_count":
				return touchpointCount(node, path);
			case "purchase_amount":
				return purchaseAmount(node, path);
			case "no_touchpoint":
				return noTouchpoint(node, path);
			case "lifecycle_stage":
				return lifecycleStage(node, path);
			case "score":
				return score(node, path);
			default:
				return inSegment(node, path);
		}
	}

	private String group(JsonNode node, String path, int depth, String type) {
		JsonNode children = node.get("children");
		if (children == null || !children.isArray() || children.isEmpty()) {
			return fail(path + ".children", "segment.rule.children");
		}
		List<String> parts = new ArrayList<>();
		int i = 0;
		for (JsonNode child : children.values()) {
			parts.add("(" + node(child, path + ".children[" + i++ + "]", depth + 1) + ")");
		}
		return String.join(" " + type + " ", parts);
	}

	private String profile(JsonNode node, String path) {
		String name = text(node, "field", path);
		String op = text(node, "op", path);
		if (name == null || op == null) {
			return "false";
		}
		Field field = PROFILE_FIELDS.get(name);
		if (field == null) {
			return fail(path + ".field", "segment.rule.unknown-field", name,
					String.join(", ", new TreeSet<>(PROFILE_FIELDS.keySet())));
		}
		Set<String> ops = field.kind() == Kind.TEXT ? TEXT_OPS : DATE_OPS;
		if (!ops.contains(op)) {
			return unknownOp(path, op, ops);
		}
		JsonNode value = node.get("value");
		if ("exists".equals(op)) {
			return field.column() + (present(value, path) ? " is not null" : " is null");
		}
		if (field.kind() == Kind.TEXT) {
			if ("in".equals(op)) {
				List<String> values = strings(value, path);
				if (values == null) {
					return "false";
				}
				parameters.add(values.toArray(String[]::new));
				return field.column() + " = any(?)";
			}
			String text = string(value, path);
			if (text == null) {
				return "false";
			}
			if ("contains".equals(op)) {
				parameters.add(text);
				return "strpos(lower(" + field.column() + "), lower(?)) > 0";
			}
			parameters.add(text);
			return field.column() + " " + COMPARISONS.get(op) + " ?";
		}
		LocalDate date = date(value, path);
		if (date == null) {
			return "false";
		}
		if (field.kind() == Kind.DATE) {
			parameters.add(date);
			return field.column() + " " + COMPARISONS.get(op) + " ?";
		}
		java.sql.Timestamp start = java.sql.Timestamp.from(date.atStartOfDay(zone).toInstant());
		java.sql.Timestamp end = java.sql.Timestamp.from(date.plusDays(1).atStartOfDay(zone).toInstant());
		switch (op) {
			case "gt":
				parameters.add(end);
				return field.column() + " >= ?";
			case "gte":
				parameters.add(start);
				return field.column() + " >= ?";
			case "lt":
				parameters.add(start);
				return field.column() + " < ?";
			case "lte":
				parameters.add(end);
				return field.column() + " < ?";
			default:
				parameters.add(start);
				parameters.add(end);
				String within = "(" + field.column() + " >= ? and " + field.column() + " < ?)";
				return "eq".equals(op) ? within : "not " + within;
		}
	}

	private String trait(JsonNode node, String path) {
		String key = text(node, "key", path);
		String op = text(node, "op", path);
		if (key == null || op == null) {
			return "false";
		}
		if (!KEY.matcher(key).matches()) {
			return fail(path + ".key", "segment.rule.trait-key");
		}
		if (!TRAIT_OPS.contains(op)) {
			return unknownOp(path, op, TRAIT_OPS);
		}
		JsonNode value = node.get("value");
		switch (op) {
			case "exists":
				parameters.add(key);
				return "p.traits -> ?" + (present(value, path) ? " is not null" : " is null");
			case "in":
				if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_IN_VALUES) {
					return fail(path + ".value", "segment.rule.list", MAX_IN_VALUES);
				}
				List<String> json = new ArrayList<>();
				for (JsonNode item : value.values()) {
					if (!scalar(item)) {
						return fail(path + ".value", "segment.rule.scalar");
					}
					json.add(item.toString());
				}
				parameters.add(key);
				parameters.add(json.toArray(String[]::new));
				return "p.traits -> ? = any(cast(? as jsonb[]))";
			case "contains":
				String text = string(value, path);
				if (text == null) {
					return "false";
				}
				parameters.add(key);
				parameters.add(text);
				return "strpos(lower(p.traits ->> ?), lower(?)) > 0";
			case "eq":
			case "neq":
				if (value == null || !scalar(value)) {
					return fail(path + ".value", "segment.rule.scalar");
				}
				parameters.add(key);
				parameters.add(value.toString());
				return "p.traits -> ? " + COMPARISONS.get(op) + " cast(? as jsonb)";
			default:
				if (value != null && value.isNumber()) {
					parameters.add(key);
					parameters.add(key);
					parameters.add(value.decimalValue());
					return "(case when jsonb_typeof(p.traits -> ?) = 'number' then (p.traits ->> ?)::numeric end) "
							+ COMPARISONS.get(op) + " ?";
				}
				if (value != null && value.isString()) {
					parameters.add(key);
					parameters.add(key);
					parameters.add(value.stringValue());
					return "(case when jsonb_typeof(p.traits -> ?) = 'string' then p.traits ->> ? end) "
							+ COMPARISONS.get(op) + " ?";
				}
				return fail(path + ".value", "segment.rule.number-or-text");
		}
	}

	private String consent(JsonNode node, String path) {
		String channel = text(node, "channel", path);
		String status = text(node, "status", path);
		if (channel == null || status == null) {
			return "false";
		}
		if (!CHANNELS.contains(channel)) {
			return fail(path + ".channel", "segment.rule.one-of", String.join(", ", new TreeSet<>(CHANNELS)));
		}
		if (!CONSENT_STATUSES.contains(status)) {
			return fail(path + ".status", "segment.rule.one-of", String.join(", ", new TreeSet<>(CONSENT_STATUSES)));
		}
		parameters.add(channel);
		parameters.add(status);
		return "p.consents ->> ? = ?";
	}

	private String touchpointCount(JsonNode node, String path) {
		String type = text(node, "touchpoint_type", path);
		Integer window = days(node, "window_days", path);
		String op = comparison(node, path);
		BigDecimal value = number(node, path);
		if (type == null || window == null || op == null || value == null) {
			return "false";
		}
		if (!TYPE.matcher(type).matches()) {
			return fail(path + ".touchpoint_type", "segment.rule.touchpoint-type");
		}
		windows.add(window);
		timeDecreases(op);
		parameters.add(type);
		parameters.add(windowStart(window));
		parameters.add(value);
		return "(select coalesce(sum(f.count), 0) from segment_fact f where f.customer_id = p.customer_id"
				+ " and f.type = ? and f.day >= ?) " + op + " ?";
	}

	private String purchaseAmount(JsonNode node, String path) {
		Integer window = days(node, "window_days", path);
		String op = comparison(node, path);
		BigDecimal value = number(node, path);
		if (window == null || op == null || value == null) {
			return "false";
		}
		windows.add(window);
		timeDecreases(op);
		parameters.add(windowStart(window));
		parameters.add(value);
		return "(select coalesce(sum(f.amount), 0) from segment_fact f where f.customer_id = p.customer_id"
				+ " and f.day >= ?) " + op + " ?";
	}

	private String noTouchpoint(JsonNode node, String path) {
		Integer window = days(node, "days", path);
		JsonNode typeNode = node.get("touchpoint_type");
		String type = null;
		if (typeNode != null && !typeNode.isNull()) {
			type = text(node, "touchpoint_type", path);
			if (type != null && !TYPE.matcher(type).matches()) {
				return fail(path + ".touchpoint_type", "segment.rule.touchpoint-type");
			}
			if (type == null) {
				return "false";
			}
		}
		if (window == null) {
			return "false";
		}
		windows.add(window);
		if (negations % 2 == 0) {
			admitsWithTime = true;
		}
		StringBuilder sql = new StringBuilder(
				"not exists (select 1 from segment_fact f where f.customer_id = p.customer_id");
		if (type != null) {
			parameters.add(type);
			sql.append(" and f.type = ?");
		}
		parameters.add(windowStart(window));
		return sql.append(" and f.day >= ?)").toString();
	}

	private String lifecycleStage(JsonNode node, String path) {
		JsonNode value = node.get("stage");
		List<String> stages;
		if (value != null && value.isString()) {
			stages = List.of(value.stringValue());
		}
		else if (value != null && value.isArray() && !value.isEmpty() && value.size() <= STAGES.size()
				&& value.values().stream().allMatch(JsonNode::isString)) {
			stages = value.values().stream().map(JsonNode::stringValue).toList();
		}
		else {
			return fail(path + ".stage", "segment.rule.stage", String.join(", ", STAGES));
		}
		for (String stage : stages) {
			if (!STAGES.contains(stage)) {
				return fail(path + ".stage", "segment.rule.unknown-stage", stage, String.join(", ", STAGES));
			}
		}
		usesStage = true;
		parameters.add(stages.toArray(String[]::new));
		return "exists (select 1 from segment_standing s where s.customer_id = p.customer_id and s.stage = any(?))";
	}

	private String score(JsonNode node, String path) {
		String name = text(node, "score", path);
		String op = comparison(node, path);
		BigDecimal value = number(node, path);
		if (name == null || op == null || value == null) {
			return "false";
		}
		String column = SCORES.get(name);
		if (column == null) {
			return fail(path + ".score", "segment.rule.unknown-score", name, String.join(", ", new TreeSet<>(SCORES.keySet())));
		}
		if (value.compareTo(BigDecimal.ZERO) < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
			return fail(path + ".value", "segment.rule.score-range");
		}
		usesScores = true;
		parameters.add(value);
		return "coalesce((select " + column + " from segment_standing s where s.customer_id = p.customer_id), 0) "
				+ op + " ?";
	}

	private String inSegment(JsonNode node, String path) {
		String id = text(node, "segment_id", path);
		if (id == null) {
			return "false";
		}
		UUID segment;
		try {
			segment = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			return fail(path + ".segment_id", "segment.rule.segment-id");
		}
		segments.add(segment);
		parameters.add(segment);
		return "exists (select 1 from segment_membership m where m.segment_id = ? and m.customer_id = p.customer_id"
				+ " and m.left_at is null)";
	}

	/** An aggregate over a window only shrinks as time passes: {@code > / >=} then only lose members. */
	private void timeDecreases(String sqlOperator) {
		boolean losesOnly = (">".equals(sqlOperator) || ">=".equals(sqlOperator)) && negations % 2 == 0;
		if (!losesOnly) {
			admitsWithTime = true;
		}
	}

	private LocalDate windowStart(int window) {
		return today.minusDays(window - 1L);
	}

	private String comparison(JsonNode node, String path) {
		String op = text(node, "op", path);
		if (op == null) {
			return null;
		}
		if (!COMPARISONS.containsKey(op)) {
			unknownOp(path, op, COMPARISONS.keySet());
			return null;
		}
		return COMPARISONS.get(op);
	}

	private String unknownOp(String path, String op, Set<String> allowed) {
		return fail(path + ".op", "segment.rule.unknown-op", op, String.join(", ", new TreeSet<>(allowed)));
	}

	private Integer days(JsonNode node, String name, String path) {
		JsonNode value = node.get(name);
		if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1
				|| value.intValue() > MAX_WINDOW_DAYS) {
			fail(path + "." + name, "segment.rule.days", MAX_WINDOW_DAYS);
			return null;
		}
		return value.intValue();
	}

	private BigDecimal number(JsonNode node, String path) {
		JsonNode value = node.get("value");
		if (value == null || !value.isNumber()) {
			fail(path + ".value", "segment.rule.number");
			return null;
		}
		return value.decimalValue();
	}

	private String text(JsonNode node, String name, String path) {
		JsonNode value = node.get(name);
		if (value == null || !value.isString() || value.stringValue().isBlank()) {
			fail(path + "." + name, "segment.rule.required");
			return null;
		}
		return value.stringValue();
	}

	private String string(JsonNode value, String path) {
		if (value == null || !value.isString() || value.stringValue().length() > 256) {
			fail(path + ".value", "segment.rule.text");
			return null;
		}
		return value.stringValue();
	}

	private List<String> strings(JsonNode value, String path) {
		if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_IN_VALUES) {
			fail(path + ".value", "segment.rule.list", MAX_IN_VALUES);
			return null;
		}
		List<String> result = new ArrayList<>();
		for (JsonNode item : value.values()) {
			if (!item.isString()) {
				fail(path + ".value", "segment.rule.text");
				return null;
			}
			result.add(item.stringValue());
		}
		return result;
	}

	private LocalDate date(JsonNode value, String path) {
		if (value != null && value.isString()) {
			try {
				return LocalDate.parse(value.stringValue());
			}
			catch (DateTimeParseException ex) {
				// reported below
			}
		}
		fail(path + ".value", "segment.rule.date");
		return null;
	}

	private boolean present(JsonNode value, String path) {
		if (value == null || value.isNull()) {
			return true;
		}
		if (!value.isBoolean()) {
			fail(path + ".value", "segment.rule.boolean");
			return true;
		}
		return value.booleanValue();
	}

	private static boolean scalar(JsonNode value) {
		return value.isString() || value.isNumber() || value.isBoolean();
	}

	private String fail(String path, String key, Object... arguments) {
		errors.add(new FieldError(path, texts.get(key, arguments)));
		return "false";
	}
}
