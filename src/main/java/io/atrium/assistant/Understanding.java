package io.atrium.assistant;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atrium.assistant.Interpretation.Period;

/**
 * The deterministic understanding engine: a tokenizer, a lexicon of metrics, entities, business terms and cue
 * words, the names of the live data ({@link Vocabulary}), and a date grammar ({@link DatePhrases}), turning a
 * question (and the previous turn, for follow-ups) into an {@link Interpretation}. Pure: no I/O, "today" from
 * the clock.
 */
final class Understanding {

	static final int MAX_PHRASE = 4;

	private static final Pattern TOKEN = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|[\\p{L}\\p{N}]+");

	private static final Set<String> STOP = Set.copyOf(java.util.Arrays.asList("a", "an", "the", "me", "us", "our", "we", "i", "my", "you", "your",
			"show", "give", "tell", "what", "whats", "was", "were", "is", "are", "be", "been", "did", "do", "does",
			"how", "of", "in", "for", "from", "on", "at", "to", "with", "and", "or", "please", "can", "could", "would",
			"all", "total", "overall", "get", "see", "display", "list", "find", "which", "who", "whom", "that", "this",
			"these", "those", "there", "it", "its", "by", "per", "during", "over", "about", "much", "many", "number",
			"count", "value", "figure", "figures", "data", "report", "mall", "s", "t", "have", "has", "had", "any",
			"some", "so", "far", "up", "until", "till", "now", "currently", "current", "right", "just", "only", "also",
			"then", "than", "vs", "versus", "against", "compared", "compare", "comparison", "same", "again", "as",
			"well", "what's", "let", "know", "into", "out", "across", "within", "each", "every", "period", "time",
			"performed", "perform", "performing", "doing", "going", "look", "like", "looking", "yet", "ok", "okay",
			"hi", "hello", "thanks", "thank", "them", "they", "their", "he", "she", "his", "her", "more", "less",
			"get", "got", "make", "made", "made", "level", "levels", "amount", "did", "does", "done", "happen",
			"happened", "want", "need", "should", "will", "shall", "may", "might", "must", "not", "no", "yes", "very",
			"really", "please", "quick", "quickly", "summary", "overview", "stats", "statistics", "metric", "metrics",
			"kpis", "numbers", "brought", "bring", "brings", "generated", "generate", "generates", "if", "since", "performance", "results", "result", "happening", "status", "when", "where", "why", "whose", "one", "ones"));

	private static final Set<String> RANK_WORDS = Set.of("best", "top", "worst", "biggest", "largest", "smallest",
			"leading", "strongest", "weakest", "highest", "lowest", "bottom");

	private final Clock clock;

	private final Map<String, Term> lexicon;

	Understanding(Clock clock) {
		this.clock = clock;
		this.lexicon = Lexicon.terms();
	}

	/** One entry of the lexicon: a kind and its value. */
	record Term(Kind kind, String value, Object extra) {

		static Term of(Kind kind, String value) {
			return new Term(kind, value, null);
		}
	}

	enum Kind {
		METRIC, ENTITY, FILTER, DUAL, STAGE, CHANNEL, CATEGORY, STORE, SEGMENT, CAMPAIGN, GROUP, RANK, RANK_ASC,
		COMPARE, TREND, DISTRIBUTION, LIST, COUNT, GOAL, IGNORE
	}

	/**
	 * @param question the text, never {@code null}
	 * @param context the previous turn's interpretation in the conversation, or {@code null}
	 * @param vocabulary the live names
	 * @param definitions the business terms' meaning
	 * @return the interpretation, never {@code null}
	 */
	Interpretation understand(String question, Interpretation context, Vocabulary vocabulary, Definitions definitions) {
		List<String> tokens = tokens(question);
		State state = new State();
		Map<String, Term> names = names(vocabulary);
		LocalDate today = LocalDate.now(clock);
		DatePhrases dates = new DatePhrases(today, context == null ? null : context.dateRange());
		boolean marker = !tokens.isEmpty() && (Set.of("and", "only", "same", "now", "also", "just", "but", "then")
			.contains(tokens.get(0))
				|| tokens.size() > 1 && Set.of("what", "how").contains(tokens.get(0)) && "about".equals(tokens.get(1)));
		int i = 0;
		while (i < tokens.size()) {
			int named = longest(names, tokens, i);
			if (named > 0) {
				apply(names.get(String.join(" ", tokens.subList(i, i + named))), state, definitions);
				i += named;
				continue;
			}
			DatePhrases.Match date = dates.match(tokens, i);
			if (date != null) {
				if (date.compare()) {
					state.compareKind = date.compareKind();
					state.compareCue = true;
					state.explicitCompare = date.period();
				}
				else {
					state.period = date.period();
					state.relative = date.relative();
				}
				i += date.length();
				continue;
			}
			if (isNumber(tokens.get(i)) && i > 0 && state.rankCue && state.limit == null
					&& Set.of("top", "bottom", "best", "worst", "first", "last", "leading").contains(tokens.get(i - 1))) {
				state.limit = Math.max(1, Math.min(50, Integer.parseInt(number(tokens.get(i)))));
				i++;
				continue;
			}
			if (isNumber(tokens.get(i)) && i + 1 < tokens.size() && state.limit == null
					&& RANK_WORDS.contains(tokens.get(i + 1))) {
				state.limit = Math.max(1, Math.min(50, Integer.parseInt(number(tokens.get(i)))));
				i++;
				continue;
			}
			Term term = null;
			int length = 0;
			for (int n = Math.min(MAX_PHRASE, tokens.size() - i); n >= 1 && term == null; n--) {
				String phrase = String.join(" ", tokens.subList(i, i + n));
				String singular = singular(tokens.subList(i, i + n));
				term = lexicon.get(phrase);
				if (term == null) {
					term = names.get(singular);
				}
				if (term == null) {
					term = lexicon.get(singular);
				}
				length = n;
			}
			if (term != null) {
				apply(term, state, definitions);
				i += length;
				continue;
			}
			String token = tokens.get(i);
			if (!STOP.contains(token) && !isNumber(token)) {
				state.unknown.add(token);
			}
			i++;
		}
		boolean followUp = context != null && !"unknown".equals(context.intent())
				&& (marker || state.onlyModifiers() || state.relative)
				&& !(state.metric != null && context.metric() == null);
		state.marker = marker;
		return resolve(state, followUp ? context : null, context, today, definitions);
	}

	private static int longest(Map<String, Term> names, List<String> tokens, int i) {
		for (int n = Math.min(MAX_PHRASE, tokens.size() - i); n >= 1; n--) {
			if (names.containsKey(String.join(" ", tokens.subList(i, i + n)))) {
				return n;
			}
		}
		return 0;
	}

	private void apply(Term term, State state, Definitions definitions) {
		switch (term.kind()) {
			case METRIC -> state.metric = term.value();
			case ENTITY -> {
				if ("customers".equals(term.value())) {
					state.customersNamed = true;
				}
				if (state.entity == null || "customers".equals(state.entity) && !"customers".equals(term.value())) {
					state.entity = term.value();
				}
			}
			case FILTER -> filter(term.value(), state, definitions);
			case DUAL -> state.dual = term.value();
			case STAGE -> {
				state.filters.put("stage", term.value());
				state.customerTerm = true;
			}
			case CHANNEL -> state.filters.put("channel", term.value());
			case CATEGORY -> state.filters.put("category", term.value());
			case STORE -> state.filters.put("store", term.value());
			case SEGMENT -> state.filters.put("segment", term.value());
			case CAMPAIGN -> state.filters.put("campaign", term.value());
			case GROUP -> {
				state.groupBy = term.value();
				if (Set.of("day", "week", "month").contains(term.value())) {
					state.trendCue = true;
				}
			}
			case RANK -> state.rankCue = true;
			case RANK_ASC -> {
				state.rankCue = true;
				state.order = "asc";
			}
			case COMPARE -> {
				state.compareCue = true;
				if (term.value() != null) {
					state.compareKind = term.value();
				}
			}
			case TREND -> state.trendCue = true;
			case DISTRIBUTION -> state.distributionCue = true;
			case LIST -> state.listCue = true;
			case COUNT -> state.countCue = true;
			case GOAL -> state.goalCue = true;
			case IGNORE -> {
			}
		}
	}

	private static void filter(String name, State state, Definitions definitions) {
		switch (name) {
			case "high_risk" -> state.filters.put("churn_risk", Map.of("gt", definitions.highChurnRisk()));
			case "vip" -> state.filters.put("lifetime_spend", Map.of("gte", definitions.vipLifetimeSpend()));
			case "lapsed" -> state.filters.put("inactive_days", Map.of("gte", definitions.lapsedDays()));
			case "hot_leads" -> {
				state.filters.put("stage", "consideration");
				state.filters.put("health", Map.of("gte", definitions.hotLeadHealth()));
			}
			case "new" -> state.filters.put("new", true);
			default -> throw new IllegalStateException("unknown filter " + name);
		}
		state.customerTerm = true;
	}

	private Interpretation resolve(State s, Interpretation base, Interpretation context, LocalDate today,
			Definitions definitions) {
		if (base != null && s.startsNothingNew()) {
			if (s.dual != null && base.metric() == null) {
				filter("new_customers".equals(s.dual) ? "new" : "lapsed", s, definitions);
			}
			return followUp(s, base, today);
		}
		if (s.dual != null) {
			boolean asFilter = s.listCue && s.metric == null && !s.countCue && !s.trendCue && !s.compareCue;
			if (asFilter) {
				filter("new_customers".equals(s.dual) ? "new" : "lapsed", s, definitions);
			}
			else if (s.metric == null) {
				s.metric = s.dual;
			}
		}
		if ((s.listCue || s.countCue || s.customerTerm) && s.customersNamed && "active_customers".equals(s.metric)) {
			s.metric = null;
		}
		String intent;
		String entity = s.entity;
		String groupBy = s.groupBy;
		if (s.goalCue) {
			intent = "goal_progress";
			entity = "goals";
		}
		else if (s.rankCue || s.limit != null) {
			intent = "ranking";
			if (groupBy != null && Set.of("store", "category", "channel", "campaign").contains(groupBy)) {
				entity = plural(groupBy);
			}
			groupBy = null;
			if (entity == null) {
				entity = "stores";
			}
		}
		else if (s.compareCue || s.compareKind != null) {
			intent = "comparison";
		}
		else if (s.trendCue) {
			intent = "trend";
		}
		else if (s.distributionCue || groupBy != null || "stages".equals(entity)) {
			intent = "distribution";
			if (groupBy == null) {
				groupBy = entity == null || "customers".equals(entity) ? (s.metric == null ? "stage" : "channel")
						: singularEntity(entity);
			}
			entity = null;
		}
		else if ((s.customerTerm || "customers".equals(entity)) && s.metric == null
				&& (s.customerTerm || s.listCue || s.countCue || s.period != null || !s.filters.isEmpty()
						|| s.unknown.isEmpty())) {
			intent = s.countCue ? "count_customers" : "list_customers";
			entity = "customers";
		}
		else if (s.metric != null) {
			intent = "metric_value";
		}
		else if (entity != null && Set.of("stores", "categories", "channels", "campaigns").contains(entity)) {
			intent = "ranking";
		}
		else {
			intent = "unknown";
		}
		String metric = s.metric;
		Period period = s.period == null && s.marker && context != null ? context.dateRange() : s.period;
		Period compareTo = null;
		Integer limit = null;
		String order = null;
		switch (intent) {
			case "metric_value" -> {
				entity = null;
				period = period == null ? DatePhrases.preset("30d", today) : period;
			}
			case "comparison" -> {
				entity = null;
				metric = metric == null ? "revenue" : metric;
				period = period == null ? DatePhrases.preset("30d", today) : period;
				compareTo = s.explicitCompare != null ? s.explicitCompare : DatePhrases.compared(period, s.compareKind);
			}
			case "trend" -> {
				entity = null;
				metric = metric == null ? "revenue" : metric;
				period = period == null ? DatePhrases.preset("30d", today) : period;
			}
			case "ranking" -> {
				metric = metric == null ? ("campaigns".equals(entity) ? "revenue_attributed" : "revenue") : metric;
				period = period == null ? DatePhrases.preset("30d", today) : period;
				limit = s.limit == null ? 10 : s.limit;
				order = s.order == null ? "desc" : s.order;
			}
			case "distribution" -> {
				if (Set.of("stage", "churn_risk").contains(groupBy)) {
					metric = null;
					period = null;
					entity = "customers";
				}
				else {
					metric = metric == null ? "revenue" : metric;
					period = period == null ? DatePhrases.preset("30d", today) : period;
				}
			}
			case "list_customers", "count_customers" -> {
				metric = null;
				if (s.filters.containsKey("new") && period == null) {
					period = DatePhrases.preset("30d", today);
				}
			}
			case "goal_progress" -> {
				period = null;
			}
			default -> {
				metric = null;
				entity = null;
				period = null;
				groupBy = null;
			}
		}
		return new Interpretation(intent, metric, entity, period, compareTo, new TreeMap<>(s.filters), groupBy, limit,
				order, List.copyOf(s.unknown));
	}

	private Interpretation followUp(State s, Interpretation base, LocalDate today) {
		Period period = s.period != null ? s.period : base.dateRange();
		Map<String, Object> filters = new TreeMap<>(base.filters());
		filters.putAll(s.filters);
		String metric = s.metric != null ? s.metric : s.dual != null && base.metric() != null ? s.dual : base.metric();
		Period compareTo = base.compareTo();
		if (s.explicitCompare != null) {
			compareTo = s.explicitCompare;
		}
		else if (compareTo != null && (s.period != null || s.compareKind != null)) {
			compareTo = DatePhrases.compared(period, s.compareKind);
		}
		if ("list_customers".equals(base.intent()) || "count_customers".equals(base.intent())
				|| base.dateRange() == null && !"goal_progress".equals(base.intent())) {
			period = s.period != null ? s.period : base.dateRange();
		}
		return new Interpretation(base.intent(), metric, base.entity(), period, compareTo, filters,
				s.groupBy != null ? s.groupBy : base.groupBy(), s.limit != null ? s.limit : base.limit(), base.order(),
				List.copyOf(s.unknown));
	}

	static String plural(String group) {
		return switch (group) {
			case "category" -> "categories";
			default -> group + "s";
		};
	}

	static String singularEntity(String entity) {
		return switch (entity) {
			case "categories" -> "category";
			case "stages" -> "stage";
			default -> entity.substring(0, entity.length() - 1);
		};
	}

	private Map<String, Term> names(Vocabulary vocabulary) {
		Map<String, Term> names = new LinkedHashMap<>();
		for (Vocabulary.Named store : vocabulary.stores()) {
			names.putIfAbsent(String.join(" ", tokens(store.name())), Term.of(Kind.STORE, store.id()));
			names.putIfAbsent(store.id().toLowerCase(Locale.ROOT), Term.of(Kind.STORE, store.id()));
		}
		for (String category : vocabulary.categories()) {
			names.putIfAbsent(String.join(" ", tokens(category.replace('_', ' '))), Term.of(Kind.CATEGORY, category));
		}
		for (Vocabulary.Named segment : vocabulary.segments()) {
			List<String> words = tokens(segment.name());
			names.putIfAbsent(String.join(" ", words), Term.of(Kind.SEGMENT, segment.id()));
			if (words.size() > 1 && "segment".equals(words.get(words.size() - 1))) {
				names.putIfAbsent(String.join(" ", words.subList(0, words.size() - 1)), Term.of(Kind.SEGMENT, segment.id()));
			}
		}
		for (String campaign : vocabulary.campaigns()) {
			names.putIfAbsent(String.join(" ", tokens(campaign)), Term.of(Kind.CAMPAIGN, campaign));
		}
		return names;
	}

	static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		Matcher matcher = TOKEN.matcher(text.toLowerCase(Locale.ROOT).replace('’', '\''));
		while (matcher.find() && tokens.size() < 200) {
			String token = matcher.group();
			if (token.matches("\\d+(st|nd|rd|th)")) {
				token = token.replaceAll("\\D", "");
			}
			tokens.add(token);
		}
		return tokens;
	}

	static String singular(List<String> words) {
		List<String> out = new ArrayList<>();
		for (String word : words) {
			out.add(singular(word));
		}
		return String.join(" ", out);
	}

	static String singular(String word) {
		if (word.length() > 4 && word.endsWith("ies")) {
			return word.substring(0, word.length() - 3) + "y";
		}
		if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
			return word.substring(0, word.length() - 1);
		}
		return word;
	}

	static boolean isNumber(String token) {
		return token.matches("\\d{1,6}") || DatePhrases.WORD_NUMBERS.containsKey(token);
	}

	static String number(String token) {
		Integer word = DatePhrases.WORD_NUMBERS.get(token);
		return word != null ? word.toString() : token;
	}

	/** What the scan found so far. */
	static final class State {

		String metric;

		String entity;

		String dual;

		String groupBy;

		String order;

		Integer limit;

		Period period;

		Period explicitCompare;

		boolean relative;

		String compareKind;

		boolean rankCue;

		boolean compareCue;

		boolean trendCue;

		boolean distributionCue;

		boolean listCue;

		boolean countCue;

		boolean goalCue;

		boolean customerTerm;

		boolean customersNamed;

		boolean marker;

		final Map<String, Object> filters = new LinkedHashMap<>();

		final Set<String> unknown = new LinkedHashSet<>();

		boolean onlyModifiers() {
			return metric == null && dual == null && startsNothingNew() && !listCue
					&& (period != null || !filters.isEmpty());
		}

		boolean startsNothingNew() {
			return entity == null && !rankCue && !trendCue && !distributionCue && !goalCue && !countCue
					&& (compareKind == null || !compareCue) && groupBy == null || relative;
		}
	}
}
