package io.atrium.web;

import io.atrium.shared.Problem;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Refusals on dashboard pages (not found, invalid input, conflict) shown as a page in the layout, with the
 * status the API would answer, instead of problem JSON.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

	@ExceptionHandler(Problem.class)
	ModelAndView problem(Problem problem, HttpServletResponse response) {
		response.setStatus(problem.status());
		ModelAndView page = new ModelAndView("error-page");
		page.addObject("status", problem.status());
		page.addObject("detail", problem.getMessage());
		return page;
	}
}
