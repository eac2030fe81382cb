package io.atrium.messaging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outbound HTTP settings.
 *
 * @param allowedHosts host names or IP literals exempt from the private-address guard, for tests against local
 * servers and for providers deliberately reached on a private network; empty by default
 * @param connectTimeout connection timeout, 5 s by default
 * @param requestTimeout whole-request timeout, 15 s by default
 */
@ConfigurationProperties("atrium.egress")
public record EgressSettings(List<String> allowedHosts, Duration connectTimeout, Duration requestTimeout) {

	public EgressSettings {
		allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
		requestTimeout = requestTimeout == null ? Duration.ofSeconds(15) : requestTimeout;
	}
}
