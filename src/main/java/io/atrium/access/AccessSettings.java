package io.atrium.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings.
 *
 * @param jwtSecret base64 HMAC-SHA256 secret (at least 32 bytes) signing access tokens; generated into the data
 * directory when blank
 * @param tokenTtl lifetime of an access token
 * @param loginPerMinute sign-in attempts allowed per client address and minute
 * @param ingestionPerSecond ingestion requests allowed per credential (write key or token) and second
 * @param ingestionBurst ingestion burst size per credential
 */
@ConfigurationProperties("atrium.security")
record AccessSettings(String jwtSecret, Duration tokenTtl, Integer loginPerMinute, Integer ingestionPerSecond,
		Integer ingestionBurst) {

	AccessSettings {
		tokenTtl = tokenTtl == null ? Duration.ofHours(1) : tokenTtl;
		loginPerMinute = loginPerMinute == null ? 10 : loginPerMinute;
		ingestionPerSecond = ingestionPerSecond == null ? 2_000 : ingestionPerSecond;
		ingestionBurst = ingestionBurst == null ? 4_000 : ingestionBurst;
	}
}
