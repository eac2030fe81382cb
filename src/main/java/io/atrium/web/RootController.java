package io.atrium.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The entry point: the dashboard's overview (the sign-in page for people not signed in).
 */
@Controller
class RootController {

	@GetMapping("/")
	String root() {
		return "redirect:/overview";
	}
}
