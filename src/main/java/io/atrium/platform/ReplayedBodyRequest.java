package io.atrium.platform;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body was already read (to hash it, to decompress it), offered again to the handlers
 * downstream. Only synchronous reads are supported.
 */
public class ReplayedBodyRequest extends HttpServletRequestWrapper {

	private final byte[] body;

	/**
	 * @param request the original request
	 * @param body the body to offer, never {@code null}
	 */
	public ReplayedBodyRequest(HttpServletRequest request, byte[] body) {
		super(request);
		this.body = body;
	}

	@Override
	public ServletInputStream getInputStream() {
		ByteArrayInputStream in = new ByteArrayInputStream(body);
		return new ServletInputStream() {

			@Override
			public int read() {
				return in.read();
			}

			@Override
			public int read(byte[] b, int off, int len) {
				return in.read(b, off, len);
			}

			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new IllegalStateException("Only synchronous reads are supported");
			}
		};
	}

	@Override
	public BufferedReader getReader() {
		String charset = getCharacterEncoding();
		return new BufferedReader(new InputStreamReader(getInputStream(),
				charset == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(charset)));
	}

	@Override
	public int getContentLength() {
		return body.length;
	}

	@Override
	public long getContentLengthLong() {
		return body.length;
	}
}
