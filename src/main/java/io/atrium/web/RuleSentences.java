package io.atrium.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

import org.springframework.context.MessageSource;

/**
 * A segment rule tree read out in words ("Spent (¥) in the last 365 days above 0 and no touchpoint for 30 days"),
 * so the segment page shows people a sentence instead of the rule's JSON. Unknown node types and values are
 * shown as they are stored rather than dropped.
 */
final class RuleSentences {

	private final MessageSource messages;

	private final Locale locale;

	RuleSentences(MessageSource messages, Locale locale) {
		this.messages = messages;
		this.locale = locale;
	}

	String describe(JsonNode rule) {
		return node(rule, true);
	}

	private String node(JsonNode node, boolean top) {
		if (node == null || !node.isObject()) {
			return "";
		}
		String type = node.path("type").asString();
		switch (type) {
			case "and", "or" -> {
				List<String> parts = new ArrayList<>();
				node.path("children").forEach(child -> parts.add(node(child, false)));
				String joined = String.join(" " + text("web.extra.rule." + type) + " ", parts);
				return top || parts.size() < 2 ? joined : "(" + joined + ")";
			}
			case "not" -> {
				return text("web.extra.rule.not", node(node.path("child"), false));
			}
			case "profile" -> {
				String field = node.path("field").asString();
				return text("web.extra.rule.profile", or("web.field." + field, field), comparison(node, field));
			}
			case "trait" -> {
				return text("web.extra.rule.trait", node.path("key").asString(), comparison(node, null));
			}
			case "consent" -> {
				String channel = node.path("channel").asString();
				String status = node.path("status").asString();
				return text("web.extra.rule.consent", or("web.extra.channel." + channel, channel),
						or("web.extra.rule.consent." + status, status));
			}
			case "touchpoint_count" -> {
				return text("web.extra.rule.touchpoint_count", touchpoint(node.path("touchpoint_type")),
						node.path("window_days").asString(), comparison(node, null));
			}
			case "purchase_amount" -> {
				return text("web.extra.rule.purchase_amount", node.path("window_days").asString(), comparison(node, null));
			}
			case "no_touchpoint" -> {
				return text("web.extra.rule.no_touchpoint", touchpoint(node.path("touchpoint_type")),
						node.path("days").asString());
			}
			case "in_segment" -> {
				return text("web.extra.rule.in_segment", node.path("segment_id").asString());
			}
			case "lifecycle_stage" -> {
				String stage = node.path("stage").asString();
				return text("web.extra.rule.lifecycle_stage", or("web.stage." + stage, stage));
			}
			case "score" -> {
				String score = node.path("score").asString();
				return text("web.extra.rule.score", or("web.extra.rule.score." + score, score), comparison(node, null));
			}
			default -> {
				return node.toString();
			}
		}
	}

	private String touchpoint(JsonNode type) {
		if (type.isMissingNode() || type.isNull() || type.asString().isEmpty()) {
			return text("web.extra.rule.anyTouchpoint");
		}
		return or("web.tp." + type.asString(), or("web.extra.tp." + type.asString(), type.asString()));
	}

	private String comparison(JsonNode node, String field) {
		String op = node.path("op").asString();
		JsonNode value = node.path("value");
		String shown;
		if (value.isArray()) {
			List<String> values = new ArrayList<>();
			value.forEach(v -> values.add(value(v, field)));
			shown = String.join(", ", values);
		}
		else {
			shown = value.isMissingNode() || value.isNull() ? "" : value(value, field);
		}
		return text("web.extra.rule.op." + op, shown).strip();
	}

	private String value(JsonNode value, String field) {
		String raw = value.asString();
		if ("member_tier".equals(field)) {
			return or("web.extra.tier." + raw, raw);
		}
		if ("status".equals(field)) {
			return or("web.status." + raw, raw);
		}
		return raw;
	}

	private String text(String key, Object... arguments) {
		return messages.getMessage(key, arguments, key, locale);
	}

	private String or(String key, String fallback) {
		return messages.getMessage(key, null, fallback, locale);
	}
}
