package io.atrium.access;

import java.io.IOException;

import io.atrium.shared.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Exposes the authenticated {@link Actor} as a request attribute, so that the audit trail (which wraps the
 * security filters) knows who acted even after the security context is cleared.
 */
final class ActorExposingFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		request.setAttribute(Actor.REQUEST_ATTRIBUTE, actorOf(SecurityContextHolder.getContext().getAuthentication()));
		chain.doFilter(request, response);
	}

	static Actor actorOf(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return Actor.ANONYMOUS;
		}
		String role = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(a -> a.startsWith("ROLE_"))
			.map(a -> a.substring(5))
			.findFirst()
			.orElse(null);
		return new Actor(authentication.getName(), role);
	}
}
