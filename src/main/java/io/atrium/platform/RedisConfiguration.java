package io.atrium.platform;

import io.lettuce.core.RedisClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cluster mode: when {@code atrium.redis.url} is set (e.g. {@code redis://127.0.0.1:6379}), one Lettuce client
 * is shared by the modules that keep state every node must see (rate limits). Without it a single node keeps
 * that state in memory, as before. The client connects lazily, so a node starts even while Redis is down.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${atrium.redis.url:}' != ''")
class RedisConfiguration {

	@Bean(destroyMethod = "shutdown")
	RedisClient atriumRedisClient(@Value("${atrium.redis.url}") String url) {
		return RedisClient.create(url);
	}
}
