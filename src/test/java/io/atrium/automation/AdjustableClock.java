package io.atrium.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock tests move forward by hand, in the mall's zone.
 */
final class AdjustableClock extends Clock {

	private final AtomicReference<Instant> now;

	private final ZoneId zone;

	AdjustableClock(Instant start, ZoneId zone) {
		this.now = new AtomicReference<>(start);
		this.zone = zone;
	}

	void advance(Duration by) {
		now.updateAndGet(t -> t.plus(by));
	}

	@Override
	public ZoneId getZone() {
		return zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new AdjustableClock(now.get(), zone);
	}

	@Override
	public Instant instant() {
		return now.get();
	}

	/** Replaces the application clock with an adjustable one starting 2026-11-24 10:00 in Shanghai. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		@Primary
		AdjustableClock adjustableClock() {
			return new AdjustableClock(Instant.parse("2026-11-24T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
		}
	}
}
