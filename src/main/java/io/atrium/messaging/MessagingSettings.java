package io.atrium.messaging;

import java.time.LocalTime;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Messaging settings.
 *
 * @param from the sender address of emails
 * @param trackingBaseUrl public base URL of open/click links, e.g. {@code https://crm.example.com}
 * @param linkSecret HMAC key (any text, at least 32 characters) signing tracking tokens
 * @param maxPerDay the frequency cap: messages per customer per rolling 24 hours, all channels
 * @param quietStart start of quiet hours in the mall's zone (no sends), 22:00 by default
 * @param quietEnd end of quiet hours, 08:00 by default
 * @param smsUrl the SMS provider endpoint (JSON POST), or {@code null} when SMS is not configured
 * @param pushUrl the push provider endpoint (JSON POST), or {@code null}
 * @param templates message templates by id: {@code text}, optional {@code html}, optional {@code link}
 */
@ConfigurationProperties("atrium.messaging")
public record MessagingSettings(String from, String trackingBaseUrl, String linkSecret, Integer maxPerDay,
		LocalTime quietStart, LocalTime quietEnd, String smsUrl, String pushUrl,
		Map<String, Template> templates) {

	public MessagingSettings {
		from = from == null ? "no-reply@atrium.local" : from;
		trackingBaseUrl = trackingBaseUrl == null ? "http://localhost:8080" : trackingBaseUrl;
		linkSecret = linkSecret == null ? "atrium-development-link-secret-change-me" : linkSecret;
		maxPerDay = maxPerDay == null ? 5 : maxPerDay;
		quietStart = quietStart == null ? LocalTime.of(22, 0) : quietStart;
		quietEnd = quietEnd == null ? LocalTime.of(8, 0) : quietEnd;
		templates = templates == null ? Map.of() : Map.copyOf(templates);
	}

	/**
	 * A message template with {@code {customer_name}}-style merge fields.
	 *
	 * @param text the plain-text body
	 * @param html the HTML body, or {@code null} to derive one from the text
	 * @param link a URL the message links to (tracked), or {@code null}
	 */
	public record Template(String text, String html, String link) {
	}
}
