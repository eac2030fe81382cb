package io.atrium.customer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every column whose name suggests personal data must be listed (as {@code table.column}) in
 * {@code docs/DATA-INVENTORY.md}, with its purpose, retention and erasure action.
 */
@SpringBootTest
class DataInventoryIntegrationTests {

	static final Pattern SUGGESTS_PII = Pattern.compile(
			"name|email|phone|birth|address|text|metadata|traits|value_plain|value_cipher|location|review|comment|note|"
					+ "detail|ip|user_agent|city|gender|lookup|external_id|actor|consents|rule|description|message");

	@Autowired
	JdbcClient jdbc;

	@Test
	void listsEveryColumnWhoseNameSuggestsPersonalData() throws Exception {
		String inventory = Files.readString(Path.of("docs/DATA-INVENTORY.md"));
		List<String> columns = jdbc.sql("""
				select table_name || '.' || column_name from information_schema.columns
				where table_schema = current_schema() order by 1
				""").query(String.class).list();
		assertThat(columns).isNotEmpty();
		List<String> suggestive = columns.stream()
			.filter(column -> SUGGESTS_PII.matcher(column.substring(column.indexOf('.') + 1)).find())
			.filter(column -> !column.startsWith("flyway_schema_history."))
			.toList();
		assertThat(suggestive).contains("customer.first_name", "customer_identity.value_cipher", "touchpoint.metadata");
		assertThat(suggestive.stream().filter(column -> !inventory.contains("`" + column + "`")).toList())
			.as("columns that may hold personal data but are missing from docs/DATA-INVENTORY.md")
			.isEmpty();
	}
}
