package io.atrium.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The entry point: until the dashboard pages exist, the root leads to the interactive API documentation.
 */
@Controller
class RootController {

	@GetMapping("/")
	String root() {
		return "redirect:/swagger-ui.html";
	}
}
