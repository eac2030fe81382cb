package io.atrium.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser without the browser: keeps cookies, signs in with the form, and sends form posts with
 * the CSRF token the pages carry.
 */
final class PageSessionClient {

	private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final int port;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http;

	PageSessionClient(int port) {
		this.port = port;
		this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	/** Signs in with the form. @return the response to the form post */
	HttpResponse<String> signIn(String username, String password) {
		String token = csrfField(get("/login").body());
		return postForm("/login", token, Map.of("username", username, "password", password));
	}

	/** The CSRF token a signed-in page carries (read from the overview). */
	String csrfToken() {
		Matcher m = CSRF_META.matcher(get("/overview").body());
		return m.find() ? m.group(1) : null;
	}

	HttpResponse<String> postForm(String path, String csrf, Map<String, String> fields) {
		java.util.LinkedHashMap<String, String> all = new java.util.LinkedHashMap<>(fields);
		if (csrf != null) {
			all.put("_csrf", csrf);
		}
		String body = all.entrySet()
			.stream()
			.map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	HttpResponse<String> postJson(String path, String csrf, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
		if (csrf != null) {
			request.header("X-XSRF-TOKEN", csrf);
		}
		return send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build());
	}

	boolean hasSessionCookie() {
		return cookies.getCookieStore().getCookies().stream().map(HttpCookie::getName)
			.anyMatch(io.atrium.access.PageSessions.COOKIE::equals);
	}

	private static String csrfField(String html) {
		Matcher m = CSRF_FIELD.matcher(html);
		return m.find() ? m.group(1) : null;
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
