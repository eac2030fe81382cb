package io.atrium.tracking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import io.atrium.platform.Problems;
import io.atrium.platform.ReplayedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds and decodes the bodies of the ingestion endpoints ({@code /v1/*}, the track and batch APIs):
 * {@code Content-Encoding: gzip} bodies are decompressed (as Segment-compatible SDKs may send them), and any
 * body larger than {@code atrium.tracking.max-body-size} after decompression is refused with 413 before it
 * reaches a controller. A gzip bomb therefore costs at most that many bytes of memory.
 */
@Component
class IngestionBodies extends OncePerRequestFilter {

	private final long maxBytes;

	private final Problems problems;

	private final JsonMapper json;

	IngestionBodies(TrackingSettings settings, Problems problems, JsonMapper json) {
		this.maxBytes = settings.maxBodySize().toBytes();
		this.problems = problems;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !"POST".equals(request.getMethod()) || !(path.startsWith("/v1/")
				|| path.equals("/api/journey/touchpoints/track") || path.equals("/api/touchpoints/batch"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String encoding = request.getHeader("Content-Encoding");
		String normalized = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
		boolean gzip = normalized.equals("gzip") || normalized.equals("x-gzip");
		if (!gzip && !normalized.equals("identity")) {
			refuse(response, problems.of(415, "unsupported-encoding", "Send the body plain or gzip-encoded",
					List.of()));
			return;
		}
		if (request.getContentLengthLong() > maxBytes && !gzip) {
			refuse(response, tooLarge());
			return;
		}
		byte[] body;
		try (InputStream in = gzip ? new GZIPInputStream(request.getInputStream(), 8192) : request.getInputStream()) {
			body = readAtMost(in, maxBytes);
		}
		catch (ZipException | java.io.EOFException ex) {
			refuse(response, problems.of(400, "malformed-request", "The gzip body is corrupt", List.of()));
			return;
		}
		if (body == null) {
			refuse(response, tooLarge());
			return;
		}
		chain.doFilter(new DecodedRequest(request, body), response);
	}

	private ProblemDetail tooLarge() {
		return problems.of(413, "body-too-large", "The request body must not exceed " + maxBytes + " bytes",
				List.of());
	}

	/** @return the bytes, or {@code null} when there are more than {@code max} */
	static byte[] readAtMost(InputStream in, long max) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
		byte[] buffer = new byte[8192];
		long total = 0;
		int read;
		while ((read = in.read(buffer)) != -1) {
			total += read;
			if (total > max) {
				return null;
			}
			out.write(buffer, 0, read);
		}
		return out.toByteArray();
	}

	private void refuse(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), problem);
	}

	/** The request as the controllers see it: the decoded body, no content encoding. */
	private static final class DecodedRequest extends ReplayedBodyRequest {

		private final int length;

		DecodedRequest(HttpServletRequest request, byte[] body) {
			super(request, body);
			this.length = body.length;
		}

		@Override
		public String getHeader(String name) {
			if ("Content-Encoding".equalsIgnoreCase(name)) {
				return null;
			}
			if ("Content-Length".equalsIgnoreCase(name)) {
				return Integer.toString(length);
			}
			return super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			if ("Content-Encoding".equalsIgnoreCase(name)) {
				return Collections.emptyEnumeration();
			}
			if ("Content-Length".equalsIgnoreCase(name)) {
				return Collections.enumeration(List.of(Integer.toString(length)));
			}
			return super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(name -> name.equalsIgnoreCase("Content-Encoding"));
			return Collections.enumeration(names);
		}
	}
}
