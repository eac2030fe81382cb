package io.atrium.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for integration tests against a running Atrium on a random port: JSON in, status and
 * JSON out, with bearer tokens fetched through {@code POST /api/auth/token}.
 */
public final class HttpApi {

	/** The admin configured in the test profile. */
	public static final String ADMIN = "admin";

	/** Its password. */
	public static final String ADMIN_PASSWORD = "admin-password-for-tests";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	public HttpApi(int port) {
		this.base = "http://localhost:" + port;
	}

	/**
	 * A response: status, headers and the body parsed as JSON (or {@code null} when empty or not JSON).
	 *
	 * @param status HTTP status
	 * @param headers response headers
	 * @param body raw body
	 * @param json parsed body, may be {@code null}
	 */
	public record Response(int status, java.net.http.HttpHeaders headers, String body, JsonNode json) {

		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}
	}

	public String token(String username, String password) {
		Response response = send("POST", "/api/auth/token", null,
				JSON.writeValueAsString(Map.of("username", username, "password", password)), Map.of());
		if (response.status() != 200) {
			throw new IllegalStateException("Could not sign in as " + username + ": " + response.body());
		}
		return response.json().get("access_token").asString();
	}

	public String adminToken() {
		return token(ADMIN, ADMIN_PASSWORD);
	}

	public Response get(String path, String token) {
		return send("GET", path, token, null, Map.of());
	}

	public Response post(String path, String token, Object body) {
		return send("POST", path, token, body instanceof String s ? s : JSON.writeValueAsString(body), Map.of());
	}

	public Response patch(String path, String token, Object body) {
		return send("PATCH", path, token, body instanceof String s ? s : JSON.writeValueAsString(body), Map.of());
	}

	public Response delete(String path, String token) {
		return send("DELETE", path, token, null, Map.of());
	}

	public Response send(String method, String path, String token, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", token.startsWith("Basic ") ? token : "Bearer " + token);
		}
		headers.forEach(request::header);
		if (body != null) {
			request.header("Content-Type", "application/json");
			request.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode json = null;
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			if (contentType.contains("json") && !response.body().isEmpty()) {
				json = JSON.readTree(response.body());
			}
			return new Response(response.statusCode(), response.headers(), response.body(), json);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static String json(Object value) {
		return JSON.writeValueAsString(value);
	}
}
