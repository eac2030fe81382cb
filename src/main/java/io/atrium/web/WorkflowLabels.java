package io.atrium.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Turns the automation module's codes (run states, step outcomes such as {@code refused: consent_missing}, action
 * types, skip and refusal reasons) into the reader's language. An outcome is a code, optionally followed by
 * {@code ": "} and a detail; the code is translated, and the detail too when it is a known reason or touchpoint
 * type. A code no bundle knows is shown as it is rather than as a missing-key marker.
 */
public final class WorkflowLabels {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final MessageSource messages;

	private final Locale locale;

	private final ZoneId zone;

	WorkflowLabels(MessageSource messages, ZoneId zone) {
		this.messages = messages;
		this.locale = LocaleContextHolder.getLocale();
		this.zone = zone;
	}

	/** @return the run state's name, e.g. "Waiting" for {@code waiting} */
	public String state(String code) {
		return text("web.wfrun.state." + code, code);
	}

	/** @return the step type's name, e.g. "Send email" for {@code send_email}; "" for null */
	public String action(String code) {
		return code == null ? "" : text("web.action." + code, code);
	}

	/** @return a refusal or skip reason in words, e.g. "No consent" for {@code consent_missing}; "" for null */
	public String reason(String code) {
		return code == null ? "" : text("web.wfrun.reason." + code, code);
	}

	/** @return the translated outcome, e.g. "Refused: no consent" for {@code refused: consent_missing} */
	public String outcome(String outcome) {
		if (outcome == null || outcome.isBlank()) {
			return "";
		}
		String code = outcome;
		String detail = null;
		int colon = outcome.indexOf(": ");
		if (colon > 0) {
			code = outcome.substring(0, colon);
			detail = outcome.substring(colon + 2);
		}
		else if (outcome.startsWith("case ")) {
			code = "case";
			detail = outcome.substring(5);
		}
		String label = text("web.wfrun.outcome." + code.replace(' ', '_'), code);
		if (detail == null) {
			return label;
		}
		String translatedDetail = switch (code) {
			case "waiting_for", "timeout", "exit_condition", "event" -> text("web.tp." + detail, detail);
			case "delivered", "trait_set", "field_set", "variant", "case" -> detail;
			default -> reason(detail);
		};
		return label + ": " + translatedDetail;
	}

	/** @return the instant in the mall's zone, to the second; "" for null */
	public String time(Instant instant) {
		return instant == null ? "" : TIME.format(instant.atZone(zone));
	}

	/** @return how long from start to end, e.g. "350 ms" or "2.4 s"; "" when either is missing */
	public String duration(Instant start, Instant end) {
		if (start == null || end == null) {
			return "";
		}
		long millis = Duration.between(start, end).toMillis();
		if (millis < 1000) {
			return millis + " ms";
		}
		if (millis < 120_000) {
			return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
		}
		return String.format(Locale.ROOT, "%d min", millis / 60_000);
	}

	private String text(String key, String fallback) {
		return messages.getMessage(key, null, fallback, locale);
	}
}
