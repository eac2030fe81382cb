package io.atrium.web;

import io.atrium.access.PageSessions;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in form for people. Success sets the session cookie and opens the overview; sign-out is
 * {@code POST /logout} (handled by the security configuration).
 */
@Controller
class SignInController {

	private final PageSessions sessions;

	SignInController(PageSessions sessions) {
		this.sessions = sessions;
	}

	@GetMapping("/login")
	String form() {
		return "login";
	}

	@PostMapping("/login")
	String signIn(@RequestParam(required = false) String username, @RequestParam(required = false) String password,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		var signedIn = sessions.signIn(username, password, request.isSecure());
		if (signedIn.isEmpty()) {
			response.setStatus(401);
			model.addAttribute("failed", true);
			model.addAttribute("username", username);
			return "login";
		}
		request.setAttribute(io.atrium.shared.Actor.REQUEST_ATTRIBUTE, signedIn.get().actor());
		response.addHeader(HttpHeaders.SET_COOKIE, signedIn.get().cookie().toString());
		return "redirect:/overview";
	}
}
