package io.atrium.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Atrium keeps its data.
 *
 * @param url JDBC URL of an external PostgreSQL; when blank an embedded PostgreSQL is started
 * @param username user for the external database
 * @param password password for the external database
 * @param embeddedDirectory data directory of the embedded server
 * @param embeddedEphemeral delete the embedded data directory when the JVM exits (tests)
 * @param embeddedDatabase database name created on the embedded server
 * @param maxPoolSize connection pool size
 */
@ConfigurationProperties("atrium.database")
public record DatabaseSettings(String url, String username, String password, String embeddedDirectory,
		boolean embeddedEphemeral, String embeddedDatabase, Integer maxPoolSize) {

	public DatabaseSettings {
		embeddedDirectory = (embeddedDirectory == null || embeddedDirectory.isBlank()) ? "data/postgres"
				: embeddedDirectory;
		embeddedDatabase = (embeddedDatabase == null || embeddedDatabase.isBlank()) ? "atrium" : embeddedDatabase;
		maxPoolSize = maxPoolSize == null ? 20 : maxPoolSize;
	}

	boolean external() {
		return url != null && !url.isBlank();
	}
}
