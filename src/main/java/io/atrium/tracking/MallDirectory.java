package io.atrium.tracking;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mall's zones and stores: the places touchpoints happen in. Loaded by the demo data or an operator
 * import; read by the dashboard and {@code GET /api/stores}.
 */
@Service
public class MallDirectory {

	private static final RowMapper<Zone> ZONE = (rs, n) -> new Zone(rs.getString("id"), rs.getString("name"),
			rs.getString("floor"), rs.getString("kind"));

	private static final RowMapper<Store> STORE = (rs, n) -> new Store(rs.getString("id"), rs.getString("name"),
			rs.getString("category"), rs.getString("floor"), rs.getString("zone_id"), rs.getString("unit"));

	private final JdbcTemplate jdbc;

	MallDirectory(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts zones or replaces the ones with the same id, in one transaction.
	 * @param zones never {@code null}; each with non-blank id, name and kind
	 * @throws IllegalArgumentException when a zone lacks id, name or kind
	 */
	@Transactional
	public void upsertZones(List<Zone> zones) {
		zones.forEach(zone -> require(zone.id(), zone.name(), zone.kind()));
		jdbc.batchUpdate("""
				insert into zone (id, name, floor, kind) values (?, ?, ?, ?)
				on conflict (id) do update set name = excluded.name, floor = excluded.floor, kind = excluded.kind
				""", zones, 500, (ps, zone) -> {
			ps.setString(1, zone.id());
			ps.setString(2, zone.name());
			ps.setString(3, zone.floor());
			ps.setString(4, zone.kind());
		});
	}

	/**
	 * Inserts stores or replaces the ones with the same id, in one transaction. Their zones must exist.
	 * @param stores never {@code null}; each with non-blank id, name and category
	 * @throws IllegalArgumentException when a store lacks id, name or category
	 * @throws org.springframework.dao.DataIntegrityViolationException when a zone id is unknown
	 */
	@Transactional
	public void upsertStores(List<Store> stores) {
		stores.forEach(store -> require(store.id(), store.name(), store.category()));
		jdbc.batchUpdate("""
				insert into store (id, name, category, floor, zone_id, unit) values (?, ?, ?, ?, ?, ?)
				on conflict (id) do update set name = excluded.name, category = excluded.category,
				    floor = excluded.floor, zone_id = excluded.zone_id, unit = excluded.unit
				""", stores, 500, (ps, store) -> {
			ps.setString(1, store.id());
			ps.setString(2, store.name());
			ps.setString(3, store.category());
			ps.setString(4, store.floor());
			ps.setString(5, store.zoneId());
			ps.setString(6, store.unit());
		});
	}

	/** @return all zones ordered by id, never {@code null} */
	public List<Zone> zones() {
		return jdbc.query("select id, name, floor, kind from zone order by id", ZONE);
	}

	/** @return all stores ordered by id, never {@code null} */
	public List<Store> stores() {
		return jdbc.query("select id, name, category, floor, zone_id, unit from store order by id", STORE);
	}

	/**
	 * @param id a store id
	 * @return the store, or empty when there is none with this id
	 */
	public Optional<Store> store(String id) {
		return jdbc.query("select id, name, category, floor, zone_id, unit from store where id = ?", STORE, id)
			.stream()
			.findFirst();
	}

	private static void require(String... values) {
		for (String value : values) {
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException("id, name and kind/category are required");
			}
		}
	}
}
