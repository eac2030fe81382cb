package io.atrium.platform;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's only source of "now". {@code atrium.clock.fixed} (an ISO offset date-time) pins it for
 * demos and tests; {@code atrium.zone} is the mall's zone, {@code Asia/Shanghai} by default.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	Clock clock(@Value("${atrium.clock.fixed:}") String fixed, @Value("${atrium.zone:Asia/Shanghai}") String zone) {
		ZoneId zoneId = ZoneId.of(zone);
		if (fixed == null || fixed.isBlank()) {
			return Clock.system(zoneId);
		}
		return Clock.fixed(OffsetDateTime.parse(fixed).toInstant(), zoneId);
	}
}
