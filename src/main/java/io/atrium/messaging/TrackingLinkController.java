package io.atrium.messaging;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import io.atrium.shared.CustomerId;
import io.atrium.tracking.RecordingTouchpoints;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public open pixel ({@code GET /t/o/{token}}) and click redirect ({@code GET /t/c/{token}}). Tokens are HMAC-signed;
 * a click redirects only to the URL stored with its token, never to anything in the request. The first open and
 * the first click of a message are fed back as {@code email_open} / {@code email_click} touchpoints.
 */
@RestController
class TrackingLinkController {

	private static final byte[] PIXEL = Base64.getDecoder()
		.decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

	private final Messages messages;

	private final SendingMessages sending;

	private final RecordingTouchpoints touchpoints;

	private final Clock clock;

	TrackingLinkController(Messages messages, SendingMessages sending, RecordingTouchpoints touchpoints, Clock clock) {
		this.messages = messages;
		this.sending = sending;
		this.touchpoints = touchpoints;
		this.clock = clock;
	}

	@GetMapping("/t/o/{token}")
	@Transactional
	ResponseEntity<byte[]> open(@PathVariable String token) {
		Optional<Messages.Link> link = valid(token, "open");
		if (link.isPresent()) {
			Instant now = clock.instant();
			if (messages.markOpened(link.get().messageId(), now)) {
				touchpoints.record(new CustomerId(link.get().customerId()), "email_open", "email", now,
						"msg-open-" + link.get().messageId(), link.get().campaign(), "messaging");
			}
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.IMAGE_GIF)
			.body(PIXEL);
	}

	@GetMapping("/t/c/{token}")
	@Transactional
	ResponseEntity<Void> click(@PathVariable String token) {
		Optional<Messages.Link> link = valid(token, "click").filter(l -> l.url() != null);
		if (link.isEmpty()) {
			throw new io.atrium.shared.NotFound("tracking-link-not-found", "no such tracking link");
		}
		Instant now = clock.instant();
		if (messages.markClicked(link.get().messageId(), now)) {
			touchpoints.record(new CustomerId(link.get().customerId()), "email_click", "email", now,
					"msg-click-" + link.get().messageId(), link.get().campaign(), "messaging");
		}
		return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(link.get().url()))
			.cacheControl(CacheControl.noStore()).build();
	}

	private Optional<Messages.Link> valid(String token, String kind) {
		if (!sending.tokens().verify(token, kind)) {
			return Optional.empty();
		}
		return messages.link(token).filter(l -> l.kind().equals(kind));
	}
}
