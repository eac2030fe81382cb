package io.atrium.tracking;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link TrackingSettings}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrackingSettings.class)
class TrackingConfiguration {
}
