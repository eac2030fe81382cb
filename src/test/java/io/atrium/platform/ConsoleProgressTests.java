package io.atrium.platform;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleProgressTests {

	@Test
	void drawsABarWithPercentAndGroupedCounts() {
		assertThat(ConsoleProgress.line(job("running", 450_000, 1_000_000L, "customers")))
			.isEqualTo("[#############.................] 45% 450,000/1,000,000 customers");
	}

	@Test
	void drawsCountsAloneWhileTheTotalIsUnknown() {
		assertThat(ConsoleProgress.line(job("running", 1_234, null, "touchpoints")))
			.isEqualTo("[..............................] 1,234 touchpoints");
	}

	@Test
	void redrawsInPlaceAndEndsTheLineOnANewPhaseAndAtTheEnd() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ConsoleProgress console = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));

		console.accept(job("running", 1, 2L, "customers"));
		console.accept(job("running", 2, 2L, "customers"));
		console.accept(job("running", 0, 10L, "touchpoints"));
		console.accept(job("succeeded", 10, 10L, "touchpoints"));

		String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
		assertThat(lines).hasSize(2);
		assertThat(lines[0]).endsWith("100% 2/2 customers");
		assertThat(lines[1]).endsWith("100% 10/10 touchpoints");
	}

	private static JobView job(String status, long done, Long total, String message) {
		return new JobView(UUID.randomUUID(), "demo-load", status, done, total, JobView.percent(status, done, total),
				message, Map.of(), null, "tester", Instant.EPOCH, Instant.EPOCH, null);
	}
}
