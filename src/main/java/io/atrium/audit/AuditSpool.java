package io.atrium.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps audit rows that could not be written because the database was unreachable (or the connection pool
 * exhausted) in an append-only file under {@code <data-directory>/audit-spool/<database>}, flushed to disk before the request
 * is answered, and writes them to the trail once the database answers again: every 5 s, on every node, for the
 * rows that node kept. A spooled row carries a {@code spool_id} in its detail, unique in the trail, so a replay
 * interrupted after its commit, or a file replayed by two nodes sharing a data directory, writes nothing twice. Rows keep the time they happened.
 */
@Component
class AuditSpool implements io.micrometer.core.instrument.binder.MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(AuditSpool.class);

	static final String SPOOL_ID = "spool_id";

	private final Path directory;

	private final Path pending;

	private final JsonMapper json;

	private final AuditTrail trail;

	private final ScheduledExecutorService replays;

	/** One replay at a time, whether scheduled or called. */
	private final java.util.concurrent.locks.ReentrantLock replaying = new java.util.concurrent.locks.ReentrantLock();

	AuditSpool(@Value("${atrium.data-directory:data}") String dataDirectory, JsonMapper json, AuditTrail trail,
			javax.sql.DataSource dataSource) {
		this.directory = Path.of(dataDirectory, "audit-spool", databaseKey(dataSource));
		this.pending = directory.resolve("pending.jsonl");
		this.json = json;
		this.trail = trail;
		this.replays = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "audit-spool");
			thread.setDaemon(true);
			return thread;
		});
		replays.scheduleWithFixedDelay(this::replayQuietly, 5, 5, TimeUnit.SECONDS);
	}

	@Override
	public void bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
		io.micrometer.core.instrument.Gauge.builder("atrium.audit.spooled", this::waiting)
			.description("Audit rows kept on this node's disk until the database takes them")
			.register(registry);
	}

	/**
	 * A short name of the database this node writes to, so that rows kept for one database are only ever replayed
	 * into it, even when applications on different databases share a data directory.
	 */
	static String databaseKey(javax.sql.DataSource dataSource) {
		String url;
		try {
			url = dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)
					? dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl() : dataSource.toString();
		}
		catch (java.sql.SQLException ex) {
			url = dataSource.toString();
		}
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
				.digest(String.valueOf(url).getBytes(StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@PreDestroy
	void stop() {
		replays.shutdownNow();
	}

	/** Appends a row the trail could not take and forces it to disk. */
	synchronized void keep(AuditEntry entry) {
		Map<String, Object> detail = new LinkedHashMap<>(entry.detail() == null ? Map.of() : entry.detail());
		detail.put(SPOOL_ID, UUID.randomUUID().toString());
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("occurred_at", entry.occurredAt().toString());
		line.put("actor", entry.actor());
		line.put("role", entry.role());
		line.put("action", entry.action());
		line.put("target", entry.target());
		line.put("outcome", entry.outcome());
		line.put("status", entry.status());
		line.put("request_id", entry.requestId());
		line.put("detail", detail);
		byte[] bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
		try {
			Files.createDirectories(directory);
			try (FileChannel channel = FileChannel.open(pending, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND)) {
				channel.write(java.nio.ByteBuffer.wrap(bytes));
				channel.force(false);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not spool an audit row to " + pending, ex);
		}
	}

	/** @return how many spooled rows wait for the database (files already handed to a replay included) */
	synchronized long waiting() {
		long rows = 0;
		for (Path file : spoolFiles()) {
			try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
				rows += lines.filter(line -> !line.isBlank()).count();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return rows;
	}

	private void replayQuietly() {
		try {
			replay();
		}
		catch (RuntimeException ex) {
			log.debug("Audit spool not replayed yet: {}", ex.getMessage());
		}
	}

	/**
	 * Writes every spooled row to the trail, one file per transaction; a file is deleted only after its
	 * transaction committed. New rows go to a fresh file meanwhile.
	 * @return rows written
	 */
	int replay() {
		replaying.lock();
		try {
			return replayFiles();
		}
		finally {
			replaying.unlock();
		}
	}

	private int replayFiles() {
		synchronized (this) {
			if (Files.exists(pending)) {
				try {
					Files.move(pending, directory.resolve("replay-" + System.nanoTime() + ".jsonl"),
							StandardCopyOption.ATOMIC_MOVE);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		int written = 0;
		for (Path file : spoolFiles()) {
			if (file.equals(pending)) {
				continue;
			}
			List<AuditEntry> entries = read(file);
			written += trail.insertSpooled(entries);
			try {
				Files.delete(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			log.info("Wrote {} audit rows kept while the database was unavailable", entries.size());
		}
		return written;
	}

	@SuppressWarnings("unchecked")
	private List<AuditEntry> read(Path file) {
		List<AuditEntry> entries = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				if (line.isBlank()) {
					continue;
				}
				Map<String, Object> row;
				try {
					row = json.readValue(line, Map.class);
				}
				catch (RuntimeException ex) {
					// a line torn by a crash mid-write: nothing was acknowledged on it
					log.warn("Skipped an unreadable audit spool line in {}", file.getFileName());
					continue;
				}
				Object status = row.get("status");
				entries.add(new AuditEntry(null, Instant.parse((String) row.get("occurred_at")),
						(String) row.get("actor"), (String) row.get("role"), (String) row.get("action"),
						(String) row.get("target"), (String) row.get("outcome"),
						status == null ? null : ((Number) status).intValue(), (String) row.get("request_id"),
						(Map<String, Object>) row.get("detail")));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return entries;
	}

	private List<Path> spoolFiles() {
		List<Path> files = new ArrayList<>();
		if (!Files.isDirectory(directory)) {
			return files;
		}
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.jsonl")) {
			stream.forEach(files::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		files.sort(null);
		return files;
	}
}
