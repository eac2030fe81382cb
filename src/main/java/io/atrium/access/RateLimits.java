package io.atrium.access;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.atrium.platform.Problems;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Token-bucket limits (Bucket4j) on sign-in, per client address, and on ingestion, per credential. A refused
 * request gets {@code 429} with {@code Retry-After} and touches nothing. Buckets live in this node's memory;
 * in cluster mode each node enforces its share.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RateLimits extends OncePerRequestFilter {

	private final AccessSettings settings;

	private final ProblemResponder responder;

	private final Cache<String, Bucket> loginBuckets = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	private final Cache<String, Bucket> ingestionBuckets = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	RateLimits(AccessSettings settings, Problems problems, JsonMapper json) {
		this.settings = settings;
		this.responder = new ProblemResponder(problems, json);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Bucket bucket = bucketFor(request);
		if (bucket == null) {
			chain.doFilter(request, response);
			return;
		}
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
		response.setHeader("Retry-After", Long.toString(seconds));
		responder.write(response, responder.problems()
			.of(429, "rate-limited", "Too many requests; retry in " + seconds + " s", List.of()));
	}

	private Bucket bucketFor(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (!"POST".equals(request.getMethod())) {
			return null;
		}
		if (path.equals("/api/auth/token") || path.equals("/login")) {
			return loginBuckets.get(request.getRemoteAddr(), perMinute(settings.loginPerMinute()));
		}
		if (path.equals("/v1") || path.startsWith("/v1/") || path.equals("/api/touchpoints/batch")
				|| path.equals("/api/journey/touchpoints/track")) {
			String credential = request.getHeader("Authorization");
			String key = credential == null ? "ip:" + request.getRemoteAddr()
					: "cred:" + HexFormat.of().formatHex(Secrets.sha256(credential));
			return ingestionBuckets.get(key, k -> Bucket.builder()
				.addLimit(limit -> limit.capacity(settings.ingestionBurst())
					.refillGreedy(settings.ingestionPerSecond(), Duration.ofSeconds(1)))
				.build());
		}
		return null;
	}

	private static Function<String, Bucket> perMinute(int count) {
		return key -> Bucket.builder()
			.addLimit(limit -> limit.capacity(count).refillGreedy(count, Duration.ofMinutes(1)))
			.build();
	}
}
