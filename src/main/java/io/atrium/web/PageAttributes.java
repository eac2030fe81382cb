package io.atrium.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: the signed-in person, the current path (for the active navigation entry)
 * and the language.
 */
@ControllerAdvice(basePackageClasses = PageAttributes.class)
class PageAttributes {

	@ModelAttribute("me")
	Viewer me(Authentication authentication) {
		return Viewer.of(authentication);
	}

	@ModelAttribute("path")
	String path(HttpServletRequest request) {
		return request.getRequestURI();
	}

	@ModelAttribute("lang")
	String lang(Locale locale) {
		return locale.toLanguageTag();
	}
}
