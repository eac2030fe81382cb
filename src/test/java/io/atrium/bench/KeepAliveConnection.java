package io.atrium.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection of the load generator, used by one thread at a time: it writes a request,
 * reads the status, skips the body (by {@code Content-Length} or chunks) and keeps the connection for the next
 * request, reconnecting after an error or a {@code Connection: close}.
 * <p>
 * The generator shares the server's cores in a one-machine benchmark, so what it spends per request is taken from
 * the server: the JDK's asynchronous client spent more CPU per request than the node it measured. This connection
 * spends a write and a read or two; it does not follow redirects, speak TLS or decode bodies, which the load does
 * not need.
 */
final class KeepAliveConnection implements Closeable {

	private final String host;

	private final int port;

	private final String hostHeader;

	private final int timeoutMillis;

	private final byte[] line = new byte[8192];

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	/**
	 * @param base the server, {@code http://host:port}
	 * @param timeoutMillis how long to wait to connect and for each read
	 */
	KeepAliveConnection(URI base, int timeoutMillis) {
		if (!"http".equals(base.getScheme())) {
			throw new IllegalArgumentException("The load generator speaks plain http only: " + base);
		}
		this.host = base.getHost();
		this.port = base.getPort() < 0 ? 80 : base.getPort();
		this.hostHeader = host + ":" + port;
		this.timeoutMillis = timeoutMillis;
	}

	/**
	 * Sends one request and reads its whole response.
	 * @param method e.g. {@code GET}
	 * @param path with its query, starting with {@code /}
	 * @param token a bearer token, or {@code null}
	 * @param body a JSON body, or {@code null} for none
	 * @return the response status
	 * @throws IOException when the exchange failed; the connection is closed and the next call opens a new one
	 */
	int send(String method, String path, String token, byte[] body) throws IOException {
		try {
			if (socket == null) {
				open();
			}
			StringBuilder head = new StringBuilder(256).append(method)
				.append(' ')
				.append(path)
				.append(" HTTP/1.1\r\nHost: ")
				.append(hostHeader)
				.append("\r\nAccept: application/json\r\n");
			if (token != null) {
				head.append("Authorization: Bearer ").append(token).append("\r\n");
			}
			if (body != null) {
				head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
			}
			out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			if (body != null) {
				out.write(body);
			}
			out.flush();
			return readResponse();
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private int readResponse() throws IOException {
		String status = readLine();
		if (!status.startsWith("HTTP/1.") || status.length() < 12) {
			throw new IOException("Not an HTTP response: " + status);
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean closing = false;
		for (String header = readLine(); !header.isEmpty(); header = readLine()) {
			int colon = header.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
			switch (name) {
				case "content-length" -> length = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.contains("chunked");
				case "connection" -> closing = value.contains("close");
				default -> {
				}
			}
		}
		if (chunked) {
			for (long size = chunkSize(); size > 0; size = chunkSize()) {
				skip(size);
				readLine();
			}
			while (!readLine().isEmpty()) {
				// trailers
			}
		}
		else if (length >= 0) {
			skip(length);
		}
		else {
			closing = true; // the body runs to the end of the connection
			while (in.read(line) >= 0) {
				// drain
			}
		}
		if (closing) {
			close();
		}
		return code;
	}

	private long chunkSize() throws IOException {
		String size = readLine();
		int extension = size.indexOf(';');
		return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
	}

	private String readLine() throws IOException {
		int length = 0;
		while (true) {
			int b = in.read();
			if (b < 0) {
				throw new EOFException("The server closed the connection");
			}
			if (b == '\n') {
				break;
			}
			if (length == line.length) {
				throw new IOException("A response line longer than " + line.length + " bytes");
			}
			line[length++] = (byte) b;
		}
		if (length > 0 && line[length - 1] == '\r') {
			length--;
		}
		return new String(line, 0, length, StandardCharsets.ISO_8859_1);
	}

	private void skip(long bytes) throws IOException {
		long left = bytes;
		while (left > 0) {
			int read = in.read(line, 0, (int) Math.min(line.length, left));
			if (read < 0) {
				throw new EOFException("The server closed the connection mid-body");
			}
			left -= read;
		}
	}

	private void open() throws IOException {
		Socket opened = new Socket();
		try {
			opened.setTcpNoDelay(true);
			opened.setSoTimeout(timeoutMillis);
			opened.connect(new InetSocketAddress(host, port), timeoutMillis);
			in = new BufferedInputStream(opened.getInputStream(), 16384);
			out = new BufferedOutputStream(opened.getOutputStream(), 16384);
			socket = opened;
		}
		catch (IOException ex) {
			opened.close();
			throw ex;
		}
	}

	@Override
	public void close() {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing a failed connection: nothing left to do
			}
		}
		socket = null;
		in = null;
		out = null;
	}
}
