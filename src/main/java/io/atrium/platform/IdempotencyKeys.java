package io.atrium.platform;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.atrium.shared.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import tools.jackson.databind.json.JsonMapper;

/**
 * Makes API writes safe to retry: a {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE} under
 * {@code /api} that carries an {@code Idempotency-Key} header runs once per caller and key. Repeats with the
 * same body get the first response again (concurrent repeats wait for it); the same key with a different
 * request is refused with 422. Server errors are not remembered, so a retry after one runs again. Keys are
 * kept for 24 hours.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class IdempotencyKeys extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";

	static final Duration RETENTION = Duration.ofHours(24);

	private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Problems problems;

	private final JsonMapper json;

	IdempotencyKeys(JdbcClient jdbc, Clock clock, Problems problems, JsonMapper json) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.problems = problems;
		this.json = json;
	}

	record Stored(String requestHash, Integer status, byte[] body, String type) {
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getHeader(HEADER) == null || !WRITES.contains(request.getMethod())
				|| !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (key.isBlank() || key.length() > 200) {
			refuse(response, 400, "bad-request", "Idempotency-Key must be 1 to 200 characters");
			return;
		}
		Object actor = request.getAttribute(Actor.REQUEST_ATTRIBUTE);
		String principal = actor instanceof Actor known ? known.name() : "anonymous";
		byte[] body = request.getInputStream().readAllBytes();
		String requestHash = hash(request.getMethod() + " " + request.getRequestURI() + "?"
				+ (request.getQueryString() == null ? "" : request.getQueryString()), body);

		boolean claimed = jdbc.sql("""
				insert into idempotency_key (principal, key, request_hash, created_at)
				values (:principal, :key, :hash, :now) on conflict do nothing
				""")
			.param("principal", principal)
			.param("key", key)
			.param("hash", requestHash)
			.param("now", Timestamp.from(clock.instant()))
			.update() == 1;
		if (!claimed) {
			replay(principal, key, requestHash, response);
			return;
		}
		ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
		boolean stored = false;
		try {
			chain.doFilter(new ReplayedBodyRequest(request, body), wrapper);
			if (wrapper.getStatus() < 500) {
				jdbc.sql("""
						update idempotency_key set response_status = :status, response_body = :body,
						    response_type = :type where principal = :principal and key = :key
						""")
					.param("status", wrapper.getStatus())
					.param("body", wrapper.getContentAsByteArray())
					.param("type", wrapper.getContentType())
					.param("principal", principal)
					.param("key", key)
					.update();
				stored = true;
			}
		}
		finally {
			if (!stored) {
				jdbc.sql("delete from idempotency_key where principal = :principal and key = :key")
					.param("principal", principal)
					.param("key", key)
					.update();
			}
			wrapper.copyBodyToResponse();
		}
	}

	private void replay(String principal, String key, String requestHash, HttpServletResponse response)
			throws IOException {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			Optional<Stored> stored = jdbc.sql("""
					select request_hash, response_status, response_body, response_type
					from idempotency_key where principal = :principal and key = :key
					""")
				.param("principal", principal)
				.param("key", key)
				.query((rs, n) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getBytes(3),
						rs.getString(4)))
				.optional();
			if (stored.isPresent() && !stored.get().requestHash().equals(requestHash)) {
				refuse(response, 422, "idempotency-conflict",
						"This Idempotency-Key was used for a different request");
				return;
			}
			if (stored.isPresent() && stored.get().status() != null) {
				response.setStatus(stored.get().status());
				if (stored.get().type() != null) {
					response.setContentType(stored.get().type());
				}
				response.setHeader("Idempotent-Replayed", "true");
				response.getOutputStream().write(stored.get().body());
				return;
			}
			if (Instant.now().isAfter(deadline)) {
				refuse(response, 409, "idempotency-conflict", "A request with this Idempotency-Key is in progress");
				return;
			}
			try {
				Thread.sleep(stored.isEmpty() ? 10 : 25);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void refuse(HttpServletResponse response, int status, String slug, String detail) throws IOException {
		ProblemDetail problem = problems.of(status, slug, detail, List.of());
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

	private static String hash(String line, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			digest.update(body);
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
