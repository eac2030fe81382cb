package io.atrium.messaging;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.atrium.customer.ConsentStatus;
import io.atrium.customer.ContactPoints;
import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.shared.CustomerId;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends one message to one customer on one channel, once per idempotency key in effect: delivery is at-least-once
 * (a message left queued by a killed process is delivered again after {@link #IN_FLIGHT_LEASE}) and every attempt
 * carries the same stable id (email {@code Message-ID}, provider {@code Idempotency-Key}) for the receiver to
 * deduplicate on. At send time it checks that
 * the profile is live (not erased or merged), that the customer consented on the channel, the frequency cap and the
 * mall's quiet hours; a refused send is written to the delivery log with its reason (quiet hours defer instead).
 * Email goes over SMTP (plain and HTML parts, merge values HTML-escaped in the HTML part, tracked open pixel and
 * link); SMS and push go as JSON to the configured provider through {@link EgressClient}.
 */
@Service
@EnableConfigurationProperties(MessagingSettings.class)
public class SendingMessages {

	/**
	 * How long a queued message's delivery attempt is presumed in flight; after it, a message still queued (its
	 * process was killed between queueing and the outcome) is delivered again under the same id and Message-ID.
	 */
	static final Duration IN_FLIGHT_LEASE = Duration.ofSeconds(20);

	private static final Logger log = LoggerFactory.getLogger(SendingMessages.class);

	private final Messages messages;

	private final CustomerDirectory directory;

	private final MessagingSettings settings;

	private final ObjectProvider<JavaMailSender> mail;

	private final EgressClient egress;

	private final MessageSource bundle;

	private final JsonMapper json;

	private final Clock clock;

	private final TrackingTokens tokens;

	SendingMessages(Messages messages, CustomerDirectory directory, MessagingSettings settings,
			ObjectProvider<JavaMailSender> mail, EgressClient egress, MessageSource bundle, JsonMapper json,
			Clock clock) {
		this.messages = messages;
		this.directory = directory;
		this.settings = settings;
		this.mail = mail;
		this.egress = egress;
		this.bundle = bundle;
		this.json = json;
		this.clock = clock;
		this.tokens = new TrackingTokens(settings.linkSecret());
	}

	/**
	 * Sends, unless a message with the same idempotency key was already handled.
	 * @param message what to send, not {@code null}
	 * @return the outcome; never throws for delivery problems
	 */
	public Delivery send(OutboundMessage message) {
		Optional<Messages.Row> existing = messages.findByKey(message.idempotencyKey());
		Instant now = clock.instant();
		if (existing.isPresent()) {
			Messages.Row row = existing.get();
			if ("refused".equals(row.status())) {
				return new Delivery(row.id(), "refused", row.reason(), false, null);
			}
			if ("queued".equals(row.status()) && !messages.reclaimQueued(message.idempotencyKey(), IN_FLIGHT_LEASE)) {
				// an attempt is in flight (or was, in a killed process): look again when its lease has expired
				return new Delivery(row.id(), "deferred", "attempt_in_flight", true, now.plus(IN_FLIGHT_LEASE));
			}
			if (!"queued".equals(row.status())
					&& (!"failed".equals(row.status()) || !messages.reclaimFailed(message.idempotencyKey()))) {
				return new Delivery(row.id(), "duplicate", null, false, null);
			}
			Optional<String> refusal = refusal(message.customerId(), message.channel(), now, row.id());
			if (refusal.isPresent()) {
				messages.markRefused(row.id(), refusal.get());
				return new Delivery(row.id(), "refused", refusal.get(), false, null);
			}
			return deliver(row.id(), message, now);
		}
		Optional<Instant> quietUntil = quietUntil(now);
		if (quietUntil.isPresent()) {
			return new Delivery(null, "deferred", "quiet_hours", true, quietUntil.get());
		}
		Optional<String> refusal = refusal(message.customerId(), message.channel(), now, null);
		if (refusal.isPresent()) {
			Optional<UUID> id = messages.insert(message.idempotencyKey(), message.customerId(), message.channel(),
					message.templateId(), null, "refused", refusal.get(), now);
			return new Delivery(id.orElse(null), id.isPresent() ? "refused" : "duplicate", refusal.get(), false, null);
		}
		Optional<UUID> id = messages.insert(message.idempotencyKey(), message.customerId(), message.channel(),
				message.templateId(), null, "queued", null, now);
		if (id.isEmpty()) {
			return new Delivery(null, "duplicate", null, false, null);
		}
		return deliver(id.get(), message, now);
	}

	/**
	 * Says what a send would do now, without sending or logging anything (dry runs).
	 * @param customer the recipient
	 * @param channel {@code email}, {@code sms} or {@code push}
	 * @return the refusal reason, or empty when the message would be sent
	 */
	public Optional<String> wouldRefuse(CustomerId customer, String channel) {
		return refusal(customer, channel, clock.instant(), null);
	}

	private Optional<String> refusal(CustomerId customer, String channel, Instant now, UUID retried) {
		Optional<CustomerSummary> summary = directory.find(customer);
		if (summary.isEmpty() || !"active".equals(summary.get().status())
				&& !"anonymous".equals(summary.get().status())) {
			return Optional.of("customer_not_contactable");
		}
		ConsentStatus consent = directory.currentConsents(customer).get(channel);
		if (consent == null || !consent.granted()) {
			return Optional.of("consent_missing");
		}
		ContactPoints contact = directory.contactPoints(customer).orElse(new ContactPoints(null, null));
		if ("email".equals(channel) && contact.email() == null || "sms".equals(channel) && contact.phone() == null) {
			return Optional.of("no_contact_point");
		}
		if (messages.sentSince(customer, now.minus(Duration.ofDays(1)), retried) >= settings.maxPerDay()) {
			return Optional.of("frequency_cap");
		}
		return Optional.empty();
	}

	/**
	 * @param now an instant
	 * @return when quiet hours end, if {@code now} is inside them
	 */
	Optional<Instant> quietUntil(Instant now) {
		ZonedDateTime local = now.atZone(clock.getZone());
		LocalTime time = local.toLocalTime();
		LocalTime start = settings.quietStart();
		LocalTime end = settings.quietEnd();
		boolean quiet = start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
				: !time.isBefore(start) || time.isBefore(end);
		if (!quiet || start.equals(end)) {
			return Optional.empty();
		}
		ZonedDateTime until = local.with(end);
		if (!until.isAfter(local)) {
			until = until.plusDays(1);
		}
		return Optional.of(until.toInstant());
	}

	private Delivery deliver(UUID id, OutboundMessage message, Instant now) {
		try {
			switch (message.channel()) {
				case "email":
					sendEmail(id, message);
					break;
				case "sms":
					sendToProvider(settings.smsUrl(), id, message);
					break;
				case "push":
					sendToProvider(settings.pushUrl(), id, message);
					break;
				default:
					throw new IllegalArgumentException("unknown channel");
			}
			messages.markSent(id, clock.instant());
			return new Delivery(id, "sent", null, false, null);
		}
		catch (EgressRefused | IllegalArgumentException ex) {
			messages.markFailed(id, "refused_target: " + ex.getMessage());
			return new Delivery(id, "failed", "refused_target", false, null);
		}
		catch (PermanentFailure ex) {
			messages.markFailed(id, ex.getMessage());
			return new Delivery(id, "failed", ex.getMessage(), false, null);
		}
		catch (MailException | MessagingException | IOException | TransientFailure ex) {
			log.warn("Message {} on {} failed: {}", id, message.channel(), ex.getClass().getSimpleName());
			messages.markFailed(id, "transient: " + ex.getClass().getSimpleName());
			return new Delivery(id, "failed", "transient: " + ex.getClass().getSimpleName(), true, null);
		}
	}

	private void sendEmail(UUID id, OutboundMessage message) throws MessagingException {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			throw new PermanentFailure("smtp_not_configured");
		}
		CustomerSummary customer = directory.find(message.customerId()).orElseThrow();
		String to = directory.contactPoints(message.customerId()).map(ContactPoints::email).orElseThrow();
		Map<String, String> fields = fields(customer);
		MessagingSettings.Template template = template(message.templateId());
		String text = merge(template.text(), fields, false);
		String html = merge(template.html() == null ? HtmlUtils.htmlEscape(template.text()).replace("\n", "<br>")
				: template.html(), fields, true);
		if (template.link() != null) {
			String click = issue(id, "click", template.link());
			text = text + "\n\n" + settings.trackingBaseUrl() + "/t/c/" + click;
			html = html + "<p><a href=\"" + settings.trackingBaseUrl() + "/t/c/" + click + "\">"
					+ HtmlUtils.htmlEscape(template.link()) + "</a></p>";
		}
		html = html + "<img src=\"" + settings.trackingBaseUrl() + "/t/o/" + issue(id, "open", null)
				+ "\" width=\"1\" height=\"1\" alt=\"\">";
		MimeMessage mime = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
		helper.setFrom(settings.from());
		helper.setTo(to);
		helper.setSubject(merge(message.subject() == null ? "" : message.subject(), fields, false));
		helper.setText(text, "<html><body>" + html + "</body></html>");
		mime.setHeader("X-Atrium-Message-Id", id.toString());
		// stable across re-deliveries of this message, so receivers and mailbox providers can deduplicate
		mime.setHeader("Message-ID", messageId(id, settings.from()));
		sender.send(mime);
	}

	/**
	 * @param id the delivery log id (one per idempotency key)
	 * @param from the sender address, whose domain qualifies the id
	 * @return the RFC 5322 Message-ID every delivery attempt of this message carries
	 */
	static String messageId(UUID id, String from) {
		int at = from.lastIndexOf('@');
		String domain = at >= 0 && at < from.length() - 1 ? from.substring(at + 1).replace(">", "").trim() : "atrium.local";
		return "<" + id + "@" + domain + ">";
	}

	private void sendToProvider(String url, UUID id, OutboundMessage message) throws IOException {
		if (url == null || url.isBlank()) {
			throw new PermanentFailure("provider_not_configured");
		}
		CustomerSummary customer = directory.find(message.customerId()).orElseThrow();
		ContactPoints contact = directory.contactPoints(message.customerId()).orElseThrow();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message_id", id.toString());
		body.put("to", "sms".equals(message.channel()) ? contact.phone() : message.customerId().value().toString());
		body.put("text", merge(template(message.templateId()).text(), fields(customer), false));
		EgressClient.Response response = egress.postJson(url, Map.of("Idempotency-Key", id.toString()),
				json.writeValueAsString(body));
		if (response.status() == 429 || response.status() >= 500) {
			throw new TransientFailure("provider_" + response.status());
		}
		if (response.status() >= 300) {
			throw new PermanentFailure("provider_" + response.status());
		}
	}

	private String issue(UUID messageId, String kind, String url) {
		String token = tokens.issue(kind);
		messages.insertLink(token, messageId, kind, url);
		return token;
	}

	TrackingTokens tokens() {
		return tokens;
	}

	private MessagingSettings.Template template(String templateId) {
		MessagingSettings.Template configured = settings.templates().get(templateId);
		if (configured != null && configured.text() != null) {
			return configured;
		}
		String text = bundle.getMessage("messaging.template." + templateId + ".text", null,
				bundle.getMessage("messaging.template.default.text", null, Locale.ENGLISH), Locale.ENGLISH);
		return new MessagingSettings.Template(text, null, null);
	}

	private static Map<String, String> fields(CustomerSummary customer) {
		String first = customer.firstName() == null ? "" : customer.firstName();
		String last = customer.lastName() == null ? "" : customer.lastName();
		String name = (first + " " + last).trim();
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("customer_name", name.isEmpty() ? "Customer" : name);
		fields.put("first_name", first);
		fields.put("last_name", last);
		fields.put("member_tier", customer.memberTier() == null ? "" : customer.memberTier());
		return fields;
	}

	/**
	 * Replaces {@code {field}} placeholders with known values; unknown placeholders stay as written. Nothing is
	 * evaluated.
	 */
	static String merge(String template, Map<String, String> fields, boolean html) {
		StringBuilder out = new StringBuilder(template.length() + 32);
		int i = 0;
		while (i < template.length()) {
			char c = template.charAt(i);
			int close = c == '{' ? template.indexOf('}', i) : -1;
			if (close > i) {
				String key = template.substring(i + 1, close);
				String value = fields.get(key);
				if (value != null) {
					out.append(html ? HtmlUtils.htmlEscape(value) : value);
					i = close + 1;
					continue;
				}
			}
			out.append(c);
			i++;
		}
		return out.toString();
	}

	private static final class PermanentFailure extends RuntimeException {

		PermanentFailure(String reason) {
			super(reason, null, false, false);
		}
	}

	private static final class TransientFailure extends RuntimeException {

		TransientFailure(String reason) {
			super(reason, null, false, false);
		}
	}
}
