package io.atrium.access;

import java.io.IOException;
import java.util.List;

import io.atrium.platform.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes 401 and 403 refusals from the security layer as problem+json, like every other error.
 */
final class ProblemResponder implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final Problems problems;

	private final JsonMapper json;

	ProblemResponder(Problems problems, JsonMapper json) {
		this.problems = problems;
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		boolean tokenSent = request.getHeader("Authorization") != null;
		response.setHeader("WWW-Authenticate", request.getRequestURI().startsWith("/v1") ? "Basic realm=\"atrium\""
				: tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
		write(response, problems.of(401, "unauthorized",
				tokenSent ? "The credentials are invalid or expired" : "Authentication is required", List.of()));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException exception) throws IOException {
		write(response, problems.of(403, "forbidden", "Your role does not allow this action", List.of()));
	}

	Problems problems() {
		return problems;
	}

	void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), problem);
	}
}
