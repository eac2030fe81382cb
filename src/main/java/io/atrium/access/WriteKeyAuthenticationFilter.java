package io.atrium.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates ingestion requests under {@code /v1} that send their write key as the HTTP Basic user name,
 * as Segment's SDKs do. Requests without Basic credentials pass on: the ingestion endpoint then looks for a
 * {@code writeKey} in the body. Invalid Basic credentials are refused here with 401.
 */
final class WriteKeyAuthenticationFilter extends OncePerRequestFilter {

	/** Authority of a request authenticated by a write key. */
	static final String AUTHORITY = "ROLE_WRITE_KEY";

	private final WriteKeys writeKeys;

	private final ProblemResponder responder;

	WriteKeyAuthenticationFilter(WriteKeys writeKeys, ProblemResponder responder) {
		this.writeKeys = writeKeys;
		this.responder = responder;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !(path.equals("/v1") || path.startsWith("/v1/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			chain.doFilter(request, response);
			return;
		}
		Optional<String> name = decodeUser(header.substring(6).strip()).flatMap(writeKeys::verify);
		if (name.isEmpty()) {
			responder.commence(request, response,
					new org.springframework.security.authentication.BadCredentialsException("Invalid write key"));
			return;
		}
		var authentication = UsernamePasswordAuthenticationToken.authenticated("write-key:" + name.get(), null,
				List.of(new SimpleGrantedAuthority(AUTHORITY)));
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static Optional<String> decodeUser(String encoded) {
		try {
			String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}
}
