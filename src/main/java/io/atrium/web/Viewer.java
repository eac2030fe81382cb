package io.atrium.web;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The person looking at a page: name and role, and what the navigation and buttons offer them. The server
 * checks every write again; this only hides what would be refused.
 */
public record Viewer(String name, String role) {

	private static final Set<String> EDITORS = Set.of("ADMIN", "MARKETER");

	static Viewer of(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication.getAuthorities().stream().noneMatch(a -> a.getAuthority().startsWith("ROLE_"))) {
			return null;
		}
		String role = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(a -> a.startsWith("ROLE_"))
			.map(a -> a.substring(5))
			.findFirst()
			.orElse("VIEWER");
		return new Viewer(authentication.getName(), role);
	}

	public boolean canEdit() {
		return EDITORS.contains(role);
	}

	public boolean isAdmin() {
		return "ADMIN".equals(role);
	}

	public boolean canPreview() {
		return !"VIEWER".equals(role);
	}
}
