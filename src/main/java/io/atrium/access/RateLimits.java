package io.atrium.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.atrium.platform.Problems;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Token-bucket limits (Bucket4j) on sign-in, per client address, and on ingestion, per credential. A refused
 * request gets {@code 429} with {@code Retry-After} and touches nothing. Buckets live in this node's memory,
 * or, in cluster mode ({@code atrium.redis.url} set), in Redis, where every node draws from the same bucket.
 * If Redis cannot be reached a request is let through (and a warning logged): a limit is a guard, not a
 * reason to refuse service.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RateLimits extends OncePerRequestFilter {

	private final AccessSettings settings;

	private final ProblemResponder responder;

	private final BucketStore buckets;

	RateLimits(AccessSettings settings, Problems problems, JsonMapper json, ObjectProvider<RedisClient> redis) {
		this.settings = settings;
		this.responder = new ProblemResponder(problems, json);
		RedisClient client = redis.getIfAvailable();
		this.buckets = client == null ? new LocalBuckets() : new RedisBuckets(client);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ConsumptionProbe probe = consume(request);
		if (probe == null || probe.isConsumed()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
		response.setHeader("Retry-After", Long.toString(seconds));
		responder.write(response, responder.problems()
			.of(429, "rate-limited", "Too many requests; retry in " + seconds + " s", List.of()));
	}

	private ConsumptionProbe consume(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (!"POST".equals(request.getMethod())) {
			return null;
		}
		if (path.equals("/api/auth/token") || path.equals("/login")) {
			int count = settings.loginPerMinute();
			return buckets.tryConsume("login:" + request.getRemoteAddr(), () -> BucketConfiguration.builder()
				.addLimit(limit -> limit.capacity(count).refillGreedy(count, Duration.ofMinutes(1)))
				.build());
		}
		if (path.equals("/v1") || path.startsWith("/v1/") || path.equals("/api/touchpoints/batch")
				|| path.equals("/api/journey/touchpoints/track")) {
			String credential = request.getHeader("Authorization");
			String key = credential == null ? "ingest:ip:" + request.getRemoteAddr()
					: "ingest:cred:" + HexFormat.of().formatHex(Secrets.sha256(credential));
			return buckets.tryConsume(key, () -> BucketConfiguration.builder()
				.addLimit(limit -> limit.capacity(settings.ingestionBurst())
					.refillGreedy(settings.ingestionPerSecond(), Duration.ofSeconds(1)))
				.build());
		}
		return null;
	}

	/** Where buckets live. */
	private interface BucketStore {

		/** @return the outcome of taking one token, or {@code null} when the limit cannot be checked */
		ConsumptionProbe tryConsume(String key, Supplier<BucketConfiguration> configuration);
	}

	/** Buckets in this node's memory. */
	private static final class LocalBuckets implements BucketStore {

		private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
			.maximumSize(200_000)
			.expireAfterAccess(Duration.ofMinutes(10))
			.build();

		@Override
		public ConsumptionProbe tryConsume(String key, Supplier<BucketConfiguration> configuration) {
			return buckets.get(key, k -> {
				var builder = Bucket.builder();
				for (var bandwidth : configuration.get().getBandwidths()) {
					builder.addLimit(bandwidth);
				}
				return builder.build();
			}).tryConsumeAndReturnRemaining(1);
		}
	}

	/** Buckets in Redis, shared by every node (compare-and-swap on one key per bucket). */
	private static final class RedisBuckets implements BucketStore {

		private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);

		private static final long RETRY_CONNECT_NANOS = Duration.ofSeconds(5).toNanos();

		private final RedisClient client;

		private volatile ProxyManager<byte[]> proxies;

		private volatile long lastFailure;

		RedisBuckets(RedisClient client) {
			this.client = client;
		}

		@Override
		public ConsumptionProbe tryConsume(String key, Supplier<BucketConfiguration> configuration) {
			ProxyManager<byte[]> manager = proxies();
			if (manager == null) {
				return null;
			}
			try {
				return manager.builder()
					.build(("atrium:rate:" + key).getBytes(StandardCharsets.UTF_8), configuration)
					.tryConsumeAndReturnRemaining(1);
			}
			catch (RuntimeException ex) {
				warn(ex);
				return null;
			}
		}

		private ProxyManager<byte[]> proxies() {
			ProxyManager<byte[]> manager = proxies;
			if (manager != null) {
				return manager;
			}
			synchronized (this) {
				if (proxies == null && (lastFailure == 0 || System.nanoTime() - lastFailure > RETRY_CONNECT_NANOS)) {
					try {
						StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
						proxies = Bucket4jLettuce.casBasedBuilder(connection)
							.expirationAfterWrite(
									ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
							.requestTimeout(Duration.ofSeconds(1))
							.build();
					}
					catch (RuntimeException ex) {
						lastFailure = System.nanoTime();
						warn(ex);
					}
				}
				return proxies;
			}
		}

		private static void warn(RuntimeException ex) {
			log.warn("Rate limits not enforced: Redis unavailable ({})", ex.getMessage());
		}
	}
}
