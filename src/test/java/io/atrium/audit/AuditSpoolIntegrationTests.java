package io.atrium.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Audit rows kept on disk while the database was unavailable reach the trail once, with the time they happened,
 * even when a replay committed but could not delete its file.
 */
@SpringBootTest
class AuditSpoolIntegrationTests {

	@Autowired
	AuditTrail trail;

	@Autowired
	tools.jackson.databind.json.JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	javax.sql.DataSource dataSource;

	@Test
	void spooledRowsReachTheTrailExactlyOnce(@org.junit.jupiter.api.io.TempDir Path dataDirectory) throws Exception {
		// a spool of its own: the contexts of other test classes on this database share the data directory's
		// spool, and their replays would take this test's file before it is copied (in production, the same
		// sharing is what lets any node replay another's rows)
		AuditSpool spool = new AuditSpool(dataDirectory.toString(), json, trail, dataSource);
		try {
			spooledRowsReachTheTrailExactlyOnce(spool, dataDirectory);
		}
		finally {
			spool.stop();
		}
	}

	private void spooledRowsReachTheTrailExactlyOnce(AuditSpool spool, Path dataDirectory) throws Exception {
		String run = "spool-" + UUID.randomUUID();
		Instant then = Instant.now().minus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
		Path directory = dataDirectory.resolve("audit-spool").resolve(AuditSpool.databaseKey(dataSource));
		Path copy = Files.createTempFile("audit-spool", ".jsonl");
		synchronized (spool) { // the scheduled replay cannot take the file before it is copied
			for (int i = 0; i < 3; i++) {
				spool.keep(new AuditEntry(null, then.plusSeconds(i), "admin", "ADMIN", "POST /api/customers",
						"/api/customers", "success", 201, run, Map.of()));
			}
			assertThat(spool.waiting()).isGreaterThanOrEqualTo(3);
			Files.copy(directory.resolve("pending.jsonl"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}

		spool.replay();
		assertThat(rows(run)).containsExactly(then, then.plusSeconds(1), then.plusSeconds(2));
		assertThat(spool.waiting()).isZero();

		// as if the replay had committed and the node died before deleting its file
		Files.move(copy, directory.resolve("replay-0.jsonl"));
		assertThat(spool.replay()).isZero();
		assertThat(rows(run)).hasSize(3);
		assertThat(spool.waiting()).isZero();
	}

	private List<Instant> rows(String requestId) {
		return jdbc.sql("select occurred_at from audit_event where request_id = :r order by occurred_at")
			.param("r", requestId)
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.list();
	}
}
