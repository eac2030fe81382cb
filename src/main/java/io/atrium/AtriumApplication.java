package io.atrium;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Atrium: a CRM for shopping-mall operators, run as one modular monolith.
 */
@SpringBootApplication
public class AtriumApplication {

	public static void main(String[] args) {
		SpringApplication.run(AtriumApplication.class, args);
	}
}
