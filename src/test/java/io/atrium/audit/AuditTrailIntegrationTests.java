package io.atrium.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.atrium.shared.Actor;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A domain audit row (a merge, an erasure, an export) shares its change's fate: it commits with the change and
 * disappears with a rollback, so the trail never claims a change that did not happen.
 */
@SpringBootTest
class AuditTrailIntegrationTests {

	@Autowired
	AuditTrail trail;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDomainRowCommitsAndRollsBackWithTheChangeItDescribes() {
		Actor actor = new Actor("audit-fate", "ADMIN");
		String kept = "customer:" + UUID.randomUUID();
		String undone = "customer:" + UUID.randomUUID();

		transactions.executeWithoutResult(status -> trail.record(actor, "customer.merge", kept, "success", Map.of()));
		transactions.executeWithoutResult(status -> {
			trail.record(actor, "customer.merge", undone, "success", Map.of());
			assertThat(rows(undone)).as("visible inside the change's transaction").isEqualTo(1);
			status.setRollbackOnly();
		});

		assertThat(rows(kept)).isEqualTo(1);
		assertThat(rows(undone)).isZero();
	}

	private int rows(String target) {
		return jdbc.sql("select count(*) from audit_event where target = :target")
			.param("target", target)
			.query(Integer.class)
			.single();
	}
}
