package io.atrium.access;

import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates the first ADMIN when there are no users, with the password from {@code ATRIUM_ADMIN_PASSWORD} or,
 * when unset, a random one printed once. Prints where Atrium is running and how to sign in.
 */
@Component
class FirstAdmin {

	private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

	private final UserManagement users;

	private final String username;

	private final String configuredPassword;

	private final Environment environment;

	FirstAdmin(UserManagement users, @Value("${atrium.admin.username:admin}") String username,
			@Value("${atrium.admin.password:}") String configuredPassword, Environment environment) {
		this.users = users;
		this.username = username;
		this.configuredPassword = configuredPassword;
		this.environment = environment;
	}

	@EventListener(ApplicationStartedEvent.class)
	void createIfMissing() {
		if (!users.noUsers()) {
			return;
		}
		boolean generated = configuredPassword == null || configuredPassword.isBlank();
		String password = generated ? randomPassword() : configuredPassword;
		users.create(username, "Administrator", password, Role.ADMIN);
		if (generated) {
			System.out.println("""

					  Atrium created the first administrator.
					    username: %s
					    password: %s
					  This password is shown once. Set ATRIUM_ADMIN_PASSWORD before the first start to choose it.
					""".formatted(username, password));
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void printWelcome() {
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		log.info("Atrium is ready at http://localhost:{}/ (API docs: http://localhost:{}/swagger-ui.html); "
				+ "sign in as '{}'", port, port, username);
	}

	private static String randomPassword() {
		String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			password.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return password.toString();
	}
}
