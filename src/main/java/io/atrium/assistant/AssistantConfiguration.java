package io.atrium.assistant;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link AssistantSettings}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AssistantSettings.class)
class AssistantConfiguration {
}
