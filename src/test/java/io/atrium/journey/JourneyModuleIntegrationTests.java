package io.atrium.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.atrium.shared.CustomerId;
import io.atrium.tracking.TouchpointRecorded;
import io.atrium.tracking.TouchpointsRecorded;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@TestPropertySource(properties = "atrium.clock.fixed=2026-11-24T10:00:00+08:00")
class JourneyModuleIntegrationTests {

	static final Instant NOW = OffsetDateTime.parse("2026-11-24T10:00:00+08:00").toInstant();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CustomerJourneys journeys;

	@Test
	void publishesLifecycleStageChangedForAFirstPurchase(Scenario scenario) {
		CustomerId customer = new CustomerId(UUID.randomUUID());
		UUID touchpoint = UUID.randomUUID();

		scenario.publish(TouchpointsRecorded.of(new TouchpointRecorded(touchpoint, customer, "purchase", "store", NOW.minusSeconds(3600),
				new BigDecimal("258.00"), null, "S-101")))
			.andWaitForEventOfType(LifecycleStageChanged.class)
			.matching(changed -> changed.customerId().equals(customer))
			.toArriveAndVerify(changed -> {
				assertThat(changed.from()).isNull();
				assertThat(changed.to()).isEqualTo(Stage.PURCHASE);
				assertThat(changed.reason()).isEqualTo("first_purchase");
				assertThat(changed.touchpointId()).isEqualTo(touchpoint);
				assertThat(journeys.find(customer)).get()
					.satisfies(snapshot -> assertThat(snapshot.stage()).isEqualTo(Stage.PURCHASE))
					.satisfies(snapshot -> assertThat(snapshot.health()).isPositive());
				assertThat(jdbc.sql("select monetary from customer_journey where customer_id = :id")
					.param("id", customer.value())
					.query(BigDecimal.class)
					.single()).isEqualByComparingTo("258.00");
			});
	}

	@Test
	void raisesChurnRiskRaisedForATouchpointLongAgo(Scenario scenario) {
		CustomerId customer = new CustomerId(UUID.randomUUID());

		scenario.publish(TouchpointsRecorded.of(new TouchpointRecorded(UUID.randomUUID(), customer, "store_visit", "store",
				NOW.minusSeconds(150L * 86_400), null, null, null)))
			.andWaitForEventOfType(ChurnRiskRaised.class)
			.matching(raised -> raised.customerId().equals(customer))
			.toArriveAndVerify(raised -> {
				assertThat(raised.risk()).isGreaterThan(0.7);
				assertThat(raised.model()).isEqualTo(RuleBasedChurnModel.ID);
			});
	}
}
