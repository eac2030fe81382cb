package io.atrium.platform;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link DataSource}: an external PostgreSQL when {@code atrium.database.url} is set, otherwise an
 * embedded PostgreSQL whose data lives under {@code atrium.database.embedded-directory}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseSettings.class)
class DatabaseConfiguration {

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DatabaseSettings settings) {
		HikariConfig config = new HikariConfig();
		EmbeddedPostgres embedded = null;
		if (settings.external()) {
			config.setJdbcUrl(settings.url());
			config.setUsername(settings.username());
			config.setPassword(settings.password());
		}
		else {
			EmbeddedPostgres server = EmbeddedPostgres.start(Path.of(settings.embeddedDirectory()),
					settings.embeddedEphemeral());
			server.ensureDatabase(settings.embeddedDatabase());
			embedded = server;
			config.setJdbcUrl(server.jdbcUrl(settings.embeddedDatabase()));
			config.setUsername(server.username());
		}
		config.setPoolName("atrium");
		config.setMaximumPoolSize(settings.maxPoolSize());
		config.setConnectionTimeout(5_000);
		config.setValidationTimeout(2_000);
		config.addDataSourceProperty("reWriteBatchedInserts", "true");
		config.addDataSourceProperty("ApplicationName", "atrium");
		if (embedded == null) {
			return new HikariDataSource(config);
		}
		EmbeddedPostgres server = embedded;
		server.acquire();
		return new HikariDataSource(config) {

			@Override
			public void close() {
				boolean open = !isClosed();
				super.close();
				if (open) {
					server.release();
				}
			}
		};
	}
}
