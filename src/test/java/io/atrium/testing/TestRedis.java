package io.atrium.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A Redis for tests, found or started, never skipped: a private {@code redis-server} on a free port when the
 * binary is installed (clean state, stopped with the JVM), otherwise the machine's Redis on 127.0.0.1:6379.
 * When neither is available the test fails and says so.
 */
public final class TestRedis {

	private static String url;

	private TestRedis() {
	}

	/** @return a {@code redis://} URL of a Redis that answers PING */
	public static synchronized String url() {
		if (url == null) {
			url = startOrFind();
		}
		return url;
	}

	private static String startOrFind() {
		for (String binary : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
			if (Files.isExecutable(Path.of(binary))) {
				return start(binary);
			}
		}
		if (pings(6379)) {
			return "redis://127.0.0.1:6379";
		}
		throw new IllegalStateException("Tests need Redis: install redis-server or run one on 127.0.0.1:6379");
	}

	private static String start(String binary) {
		try {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			Process process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no", "--daemonize", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "test-redis-stop"));
			Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
			while (Instant.now().isBefore(deadline)) {
				if (pings(port)) {
					return "redis://127.0.0.1:" + port;
				}
				if (!process.isAlive()) {
					throw new IllegalStateException("redis-server exited with " + process.exitValue());
				}
				Thread.sleep(50);
			}
			throw new IllegalStateException("redis-server did not answer within 20 s");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start redis-server", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting redis-server", ex);
		}
	}

	private static boolean pings(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(1_000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.read(reply);
			return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}
}
