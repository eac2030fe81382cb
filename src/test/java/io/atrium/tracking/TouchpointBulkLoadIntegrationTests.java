package io.atrium.tracking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.atrium.shared.CustomerId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class TouchpointBulkLoadIntegrationTests {

	@Autowired
	TouchpointBulkLoad bulkLoad;

	@Autowired
	MallDirectory directory;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Test
	void streamsRowsWithAwkwardTextAndReportsProgress() {
		CustomerId customer = CustomerId.random();
		String marker = "bulk-" + UUID.randomUUID();
		Map<String, Object> awkward = Map.of("note", "tab\there, newline\nthere, back\\slash, \"quoted\", 商场 \\N",
				"nested", Map.of("list", List.of(1, 2.5, true)));
		List<Long> progress = new ArrayList<>();
		int count = 120_001;
		bulkLoad.load(IntStream.range(0, count)
			.mapToObj(i -> new NewTouchpoint(null, customer, "purchase", "store",
					Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), marker, marker + "-" + i, "C\t1", "S-1",
					"Main\nHall", new BigDecimal("12.50"), "CNY", null, 60, i == 7 ? awkward : null))
			.iterator(), progress::add);

		assertThat(progress).containsExactly(50_000L, 100_000L, (long) count);
		assertThat(jdbc.sql("select count(*) from touchpoint where source = ?").param(marker).query(Long.class).single())
			.isEqualTo(count);
		String metadata = jdbc.sql("select metadata::text from touchpoint where message_id = ?")
			.param(marker + "-7")
			.query(String.class)
			.single();
		assertThat(json.readValue(metadata, Map.class)).isEqualTo(awkward);
		assertThat(jdbc.sql("select location from touchpoint where message_id = ?")
			.param(marker + "-8")
			.query(String.class)
			.single()).isEqualTo("Main\nHall");
	}

	@Test
	void storesNothingWhenARowIsRefused() {
		CustomerId customer = CustomerId.random();
		String marker = "bulk-" + UUID.randomUUID();
		List<NewTouchpoint> rows = List.of(
				new NewTouchpoint(null, customer, "store_visit", "store", Instant.now(), marker, marker, null, null,
						null, null, null, null, null, null),
				new NewTouchpoint(null, customer, "store_visit", "store", Instant.now(), marker, marker, null, null,
						null, null, null, null, null, null));

		assertThatThrownBy(() -> bulkLoad.load(rows.iterator(), n -> {
		})).isInstanceOf(DataAccessException.class);
		assertThat(jdbc.sql("select count(*) from touchpoint where source = ?").param(marker).query(Long.class).single())
			.isZero();
	}

	@Test
	void upsertsZonesAndStoresAndReadsThemBack() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		directory.upsertZones(List.of(new Zone("Z-" + suffix, "Main Hall", "L1", "hall")));
		directory.upsertStores(List.of(new Store("S-" + suffix, "Tea House", "dining", "L1", "Z-" + suffix, "101")));
		directory.upsertStores(List.of(new Store("S-" + suffix, "Tea House II", "dining", "L2", "Z-" + suffix, "201")));

		assertThat(directory.store("S-" + suffix))
			.contains(new Store("S-" + suffix, "Tea House II", "dining", "L2", "Z-" + suffix, "201"));
		assertThat(directory.zones()).contains(new Zone("Z-" + suffix, "Main Hall", "L1", "hall"));
		assertThat(directory.stores()).extracting(Store::id).contains("S-" + suffix);
		assertThat(directory.store("S-missing-" + suffix)).isEmpty();
	}
}
