package io.atrium.assistant;

import java.util.LinkedHashMap;
import java.util.Map;

import io.atrium.assistant.Understanding.Kind;
import io.atrium.assistant.Understanding.Term;

/**
 * The fixed lexicon: phrases (lower case, each word in singular form) and what they mean. Names from the live
 * data (stores, categories, segments, campaigns) come from the {@link Vocabulary} instead. Documented in
 * docs/ASSISTANT.md.
 */
final class Lexicon {

	private Lexicon() {
	}

	static Map<String, Term> terms() {
		Map<String, Term> t = new LinkedHashMap<>();
		metric(t, "revenue", "revenue", "sale", "turnover", "gmv", "income", "spend", "spending", "total sale",
				"earning", "money");
		metric(t, "visits", "visit", "footfall", "foot traffic", "traffic", "store visit", "mall visit");
		metric(t, "purchases", "purchase", "order", "transaction", "number of purchase", "basket");
		metric(t, "active_customers", "active", "active customer", "active member", "active user", "visitor", "shopper",
				"active shopper", "unique customer", "unique visitor");
		metric(t, "returning_customers", "returning customer", "repeat customer", "returning member",
				"returning shopper", "repeat visitor", "returning visitor");
		metric(t, "average_order_value", "average order value", "aov", "average basket", "average basket size", "basket size",
				"average spend", "average ticket", "average transaction value", "average purchase", "avg order value",
				"average order");
		metric(t, "purchase_frequency", "purchase frequency", "frequency", "buying frequency");
		metric(t, "retention_rate", "retention", "retention rate", "repeat rate");
		metric(t, "conversions", "conversion", "campaign conversion");
		metric(t, "revenue_attributed", "attributed revenue", "revenue attributed", "campaign revenue");
		metric(t, "customers_reached", "reach", "customer reached", "people reached");
		metric(t, "touches", "touch", "touchpoint", "interaction", "engagement");
		dual(t, "new_customers", "new customer", "new member", "sign up", "sign ups", "signup", "new sign up", "new sign ups", "registration", "new shopper",
				"newcomer", "new signup", "new joiner");
		dual(t, "lapsed_customers", "lapsed", "lapsed customer", "lapsed member", "inactive customer",
				"inactive member", "dormant customer", "dormant member", "inactive", "dormant");
		entity(t, "customers", "customer", "member", "people", "person", "client", "lead");
		entity(t, "stores", "store", "shop", "tenant", "brand", "retailer", "outlet");
		entity(t, "categories", "category", "store category", "sector");
		entity(t, "channels", "channel");
		entity(t, "campaigns", "campaign", "promotion", "promo");
		entity(t, "stages", "lifecycle", "lifecycle stage", "stage", "journey stage", "funnel");
		filter(t, "high_risk", "high risk", "at risk", "likely to churn", "churning", "high churn risk",
				"high churn", "risky", "churn risk customer", "at risk of churning", "risk of churning",
				"about to churn", "high risk of churn", "churner");
		filter(t, "vip", "vip", "big spender", "top spender", "high value", "high value customer",
				"valuable customer", "premium customer");
		filter(t, "hot_leads", "hot lead", "hot prospect", "warm lead", "hot");
		stage(t, "awareness", "awareness", "awareness stage", "aware");
		stage(t, "consideration", "consideration", "consideration stage", "considering");
		stage(t, "purchase", "purchase stage", "purchaser stage", "first time buyer", "first purchase stage");
		stage(t, "retention", "retention stage", "retained", "retained customer", "loyal", "loyal customer");
		stage(t, "advocacy", "advocacy", "advocacy stage", "advocate", "promoter", "brand advocate");
		channel(t, "app", "app", "mobile app", "mobile", "app channel");
		channel(t, "web", "web", "website", "online", "web channel", "site");
		channel(t, "store", "in store", "store channel", "offline", "physical store");
		channel(t, "mall", "mall channel", "wifi", "wi fi", "parking", "on site");
		channel(t, "email", "email", "e mail", "mail", "email channel", "newsletter");
		channel(t, "sms", "sms", "text message");
		channel(t, "push", "push", "push notification");
		channel(t, "social", "social", "social media", "wechat", "weibo");
		channel(t, "call_center", "call center", "call centre", "phone");
		group(t, "store", "by store", "per store", "for each store", "by shop", "each store", "store by store");
		group(t, "category", "by category", "per category", "for each category", "each category", "by sector");
		group(t, "channel", "by channel", "per channel", "for each channel", "each channel");
		group(t, "stage", "by stage", "per stage", "by lifecycle stage", "by lifecycle", "across stage",
				"in each stage", "each stage", "stage distribution", "stage breakdown");
		group(t, "churn_risk", "by churn risk", "by risk", "churn risk distribution", "risk distribution",
				"churn distribution", "churn risk");
		group(t, "campaign", "by campaign", "per campaign", "each campaign");
		group(t, "day", "daily", "by day", "per day", "day by day", "each day", "every day");
		group(t, "week", "weekly", "by week", "per week", "week by week", "each week");
		group(t, "month", "monthly", "by month", "per month", "month by month", "each month");
		cue(t, Kind.RANK, "top", "best", "most", "highest", "leading", "rank", "ranking", "biggest", "largest",
				"best performing", "top performing", "strongest", "greatest", "winner", "leader");
		cue(t, Kind.RANK_ASC, "bottom", "worst", "least", "lowest", "smallest", "weakest", "worst performing",
				"underperforming", "fewest");
		cue(t, Kind.COMPARE, "vs", "versus", "compare", "compared", "comparison", "against", "change", "changed",
				"difference", "differ");
		cue(t, Kind.TREND, "trend", "trending", "over time", "evolution", "evolve", "evolved", "develop",
				"developed", "development", "history", "time series", "progression");
		cue(t, Kind.DISTRIBUTION, "distribution", "breakdown", "break down", "split", "mix", "share", "spread",
				"distributed", "segmentation");
		cue(t, Kind.LIST, "list", "show", "who", "which", "give", "find", "display", "identify");
		cue(t, Kind.COUNT, "how many", "count", "number of");
		cue(t, Kind.GOAL, "goal", "target", "objective", "kpi", "on track", "goal progress", "our goal",
				"business goal");
		cue(t, Kind.IGNORE, "segment", "joined", "join", "group", "ones");
		return t;
	}

	private static void metric(Map<String, Term> t, String metric, String... phrases) {
		put(t, Kind.METRIC, metric, phrases);
	}

	private static void dual(Map<String, Term> t, String metric, String... phrases) {
		put(t, Kind.DUAL, metric, phrases);
	}

	private static void entity(Map<String, Term> t, String entity, String... phrases) {
		put(t, Kind.ENTITY, entity, phrases);
	}

	private static void filter(Map<String, Term> t, String filter, String... phrases) {
		put(t, Kind.FILTER, filter, phrases);
	}

	private static void stage(Map<String, Term> t, String stage, String... phrases) {
		put(t, Kind.STAGE, stage, phrases);
	}

	private static void channel(Map<String, Term> t, String channel, String... phrases) {
		put(t, Kind.CHANNEL, channel, phrases);
	}

	private static void group(Map<String, Term> t, String group, String... phrases) {
		put(t, Kind.GROUP, group, phrases);
	}

	private static void cue(Map<String, Term> t, Kind kind, String... phrases) {
		put(t, kind, null, phrases);
	}

	private static void put(Map<String, Term> t, Kind kind, String value, String... phrases) {
		for (String phrase : phrases) {
			String key = Understanding.singular(Understanding.tokens(phrase));
			if (t.putIfAbsent(key, Term.of(kind, value)) != null) {
				throw new IllegalStateException("phrase defined twice: " + phrase);
			}
		}
	}
}
