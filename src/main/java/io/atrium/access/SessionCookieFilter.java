package io.atrium.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates dashboard requests from the {@link PageSessions#COOKIE} cookie: the same signed, short-lived
 * JWT the API accepts as a bearer token. A missing, expired or forged cookie leaves the request anonymous (the
 * page rules then send the person to the sign-in page).
 */
final class SessionCookieFilter extends OncePerRequestFilter {

	private final JwtDecoder decoder;

	SessionCookieFilter(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = token(request);
		if (token != null && SecurityContextHolder.getContext().getAuthentication() == null) {
			try {
				Jwt jwt = decoder.decode(token);
				JwtAuthenticationToken authentication = new JwtAuthenticationToken(jwt,
						SecurityConfiguration.ApiAuthorities.fromJwt(jwt), jwt.getSubject());
				if (!authentication.getAuthorities().isEmpty()) {
					var context = SecurityContextHolder.createEmptyContext();
					context.setAuthentication(authentication);
					SecurityContextHolder.setContext(context);
				}
			}
			catch (JwtException ex) {
				// expired or not ours: stay anonymous
			}
		}
		chain.doFilter(request, response);
	}

	private static String token(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (PageSessions.COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
				return cookie.getValue();
			}
		}
		return null;
	}
}
