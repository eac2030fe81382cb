package io.atrium.audit;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import io.atrium.platform.RequestIds;
import io.atrium.shared.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Wraps every request, outside the security filters, and appends one audit row for each write (any method
 * but GET, HEAD and OPTIONS) and each refusal (401, 403, 429) whatever the method. The row is written after
 * the response is produced and in its own transaction, so it reflects what actually happened. When the database
 * cannot take it, the row goes to the {@link AuditSpool} on disk before the client is answered, and reaches the
 * trail when the database is back.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuditFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

	private final AuditTrail trail;

	private final java.time.Clock clock;

	private final AuditSpool spool;

	AuditFilter(AuditTrail trail, AuditSpool spool, java.time.Clock clock) {
		this.trail = trail;
		this.spool = spool;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !(path.startsWith("/api") || path.startsWith("/v1") || path.startsWith("/actuator")
				|| path.startsWith("/app") || path.equals("/login") || path.equals("/logout"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			int status = response.getStatus();
			boolean denial = status == 401 || status == 403 || status == 429;
			if (denial || !READS.contains(request.getMethod())) {
				record(request, status, denial);
			}
		}
	}

	private void record(HttpServletRequest request, int status, boolean denial) {
		Object attribute = request.getAttribute(Actor.REQUEST_ATTRIBUTE);
		Actor actor = attribute instanceof Actor known ? known : Actor.ANONYMOUS;
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		String action = request.getMethod() + " " + (pattern != null ? pattern : request.getRequestURI());
		String outcome = denial ? "denied" : status >= 500 ? "failed" : status >= 400 ? "rejected" : "success";
		Object requestId = request.getAttribute(RequestIds.ATTRIBUTE);
		AuditEntry entry = new AuditEntry(null, clock.instant(), actor.name(), actor.role(), action,
				truncate(request.getRequestURI()), outcome, status, requestId == null ? null : requestId.toString(),
				Map.of());
		try {
			trail.insertInNewTransaction(entry);
		}
		catch (RuntimeException ex) {
			// the database is unreachable or the pool exhausted: keep the row on disk before answering
			log.warn("Audit row for {} kept in the spool until the database answers ({})", action, ex.getMessage());
			spool.keep(entry);
		}
	}

	private static String truncate(String value) {
		return value.length() > 500 ? value.substring(0, 500) : value;
	}
}
