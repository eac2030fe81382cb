package io.atrium.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.CustomerId;
import io.atrium.shared.Page;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code customer} table.
 */
@Repository
class Customers {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	static final String COLUMNS = """
			c.id, c.external_id, c.status, c.first_name, c.last_name, c.gender, c.birth_date, c.city, c.member_tier,
			c.member_since, c.locale, c.traits::text as traits, c.merged_into, c.created_at, c.updated_at, c.version
			""";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	Customers(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** @return {@code false} when the external id is taken (nothing is written then) */
	boolean insertIfAbsent(CustomerRow row) {
		boolean inserted = jdbc.sql("""
				insert into customer (id, external_id, status, first_name, last_name, gender, birth_date, city,
				    member_tier, member_since, locale, traits, created_at, updated_at, version)
				values (:id, :externalId, :status, :firstName, :lastName, :gender, :birthDate, :city,
				    :memberTier, :memberSince, :locale, cast(:traits as jsonb), :createdAt, :updatedAt, 0)
				on conflict (external_id) do nothing
				""")
			.param("id", row.id().value())
			.params(profileFields(row))
			.param("createdAt", utc(row.createdAt()))
			.param("updatedAt", utc(row.updatedAt()))
			.update() == 1;
		if (inserted) {
			events.publishEvent(new CustomerProfileChanged(row.id()));
		}
		return inserted;
	}

	/** The profile fields that insert and update both write, by their SQL parameter names. */
	private Map<String, Object> profileFields(CustomerRow row) {
		Map<String, Object> fields = new HashMap<>();
		fields.put("externalId", row.externalId());
		fields.put("status", row.status());
		fields.put("firstName", row.firstName());
		fields.put("lastName", row.lastName());
		fields.put("gender", row.gender());
		fields.put("birthDate", row.birthDate());
		fields.put("city", row.city());
		fields.put("memberTier", row.memberTier());
		fields.put("memberSince", row.memberSince());
		fields.put("locale", row.locale());
		fields.put("traits", json(row.traits()));
		return fields;
	}

	/**
	 * Saves every field of {@code row} and advances its version.
	 * @return the saved row, with the new version
	 */
	CustomerRow update(CustomerRow row, Instant now) {
		jdbc.sql("""
				update customer set external_id = :externalId, status = :status, first_name = :firstName,
				    last_name = :lastName, gender = :gender, birth_date = :birthDate, city = :city,
				    member_tier = :memberTier, member_since = :memberSince, locale = :locale,
				    traits = cast(:traits as jsonb), merged_into = :mergedInto, updated_at = :now,
				    version = version + 1
				where id = :id
				""")
			.param("id", row.id().value())
			.params(profileFields(row))
			.param("mergedInto", row.mergedInto() == null ? null : row.mergedInto().value())
			.param("now", utc(now))
			.update();
		events.publishEvent(new CustomerProfileChanged(row.id()));
		return find(row.id()).orElseThrow();
	}

	/** Tells other modules that a profile written outside this repository changed. */
	void changed(CustomerId id) {
		events.publishEvent(new CustomerProfileChanged(id));
	}

	/** @return up to {@code limit} profiles ordered by id, after {@code after} (or from the start) */
	List<CustomerRow> batchAfter(CustomerId after, int limit) {
		return jdbc.sql("select " + COLUMNS + " from customer c where c.id > :after order by c.id limit :limit")
			.param("after", after == null ? new UUID(0, 0) : after.value())
			.param("limit", limit)
			.query(Customers::row)
			.list();
	}

	/** @return ids of profiles that are people now (active or anonymous), after {@code after} in id order */
	List<CustomerId> idsAfter(CustomerId after, int limit) {
		return jdbc.sql("""
				select id from customer where id > :after and status in ('active', 'anonymous') order by id limit :limit
				""")
			.param("after", after == null ? new UUID(0, 0) : after.value())
			.param("limit", limit)
			.query((rs, n) -> new CustomerId(rs.getObject(1, UUID.class)))
			.list();
	}

	long countPeople() {
		return jdbc.sql("select count(*) from customer where status in ('active', 'anonymous')").query(Long.class).single();
	}

	Optional<CustomerRow> find(CustomerId id) {
		return jdbc.sql("select " + COLUMNS + " from customer c where c.id = :id")
			.param("id", id.value())
			.query(Customers::row)
			.optional();
	}

	/** Reads and row-locks a profile until the transaction ends. */
	Optional<CustomerRow> lock(CustomerId id) {
		return jdbc.sql("select " + COLUMNS + " from customer c where c.id = :id for update")
			.param("id", id.value())
			.query(Customers::row)
			.optional();
	}

	Optional<CustomerRow> findByExternalId(String externalId) {
		return jdbc.sql("select " + COLUMNS + " from customer c where c.external_id = :externalId")
			.param("externalId", externalId)
			.query(Customers::row)
			.optional();
	}

	Map<CustomerId, CustomerRow> findAll(Collection<CustomerId> ids) {
		Map<CustomerId, CustomerRow> result = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return result;
		}
		jdbc.sql("select " + COLUMNS + " from customer c where c.id = any(:ids)")
			.param("ids", ids.stream().map(CustomerId::value).toArray(UUID[]::new))
			.query(Customers::row)
			.list()
			.forEach(row -> result.put(row.id(), row));
		return result;
	}

	/**
	 * Serialises transactions that resolve the same identifiers: takes a transaction-scoped advisory lock per
	 * key, in a fixed order so that two callers cannot deadlock.
	 */
	void serialize(Collection<String> keys) {
		keys.stream().distinct().sorted().forEach(key -> jdbc
			.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "customer:" + key)
			.query((rs, n) -> 1)
			.list());
	}

	/** @return the profile that {@code id} now is: itself, or the end of its chain of merges */
	CustomerId survivor(CustomerId id) {
		CustomerId current = id;
		for (int hop = 0; hop < 16; hop++) {
			Optional<UUID> next = jdbc.sql("select merged_into from customer where id = :id")
				.param("id", current.value())
				.query((rs, n) -> rs.getObject(1, UUID.class))
				.optional();
			if (next.isEmpty()) {
				return current;
			}
			current = new CustomerId(next.get());
		}
		return current;
	}

	/** Points profiles that were merged into {@code from} at {@code to}, so chains stay one hop long. */
	void repointMerged(CustomerId from, CustomerId to) {
		jdbc.sql("update customer set merged_into = :to where merged_into = :from")
			.param("from", from.value())
			.param("to", to.value())
			.update();
	}

	/** @return the profiles merged into {@code id} */
	List<UUID> mergedInto(CustomerId id) {
		return jdbc.sql("select id from customer where merged_into = :id").param("id", id.value()).query(UUID.class).list();
	}

	/** Points the profiles {@code ids} that point at {@code from} at {@code to}. */
	void repoint(List<UUID> ids, CustomerId from, CustomerId to) {
		jdbc.sql("update customer set merged_into = :to where merged_into = :from and id = any(:ids)")
			.param("from", from.value())
			.param("to", to.value())
			.param("ids", ids.toArray(UUID[]::new))
			.update();
	}

	Page<CustomerRow> search(CustomerQuery query) {
		StringBuilder sql = new StringBuilder("select " + COLUMNS
				+ ", coalesce(lower(c.last_name), '') as last_name_key from customer c where true");
		Map<String, Object> params = new LinkedHashMap<>();
		if (query.status() != null) {
			sql.append(" and c.status = :status");
			params.put("status", query.status());
		}
		else {
			sql.append(" and c.status <> 'merged'");
		}
		if (query.memberTier() != null) {
			sql.append(" and c.member_tier = :memberTier");
			params.put("memberTier", query.memberTier());
		}
		if (query.namePrefix() != null) {
			sql.append(" and (lower(c.first_name) like :prefix or lower(c.last_name) like :prefix)");
			params.put("prefix", likePrefix(query.namePrefix()));
		}
		int n = 0;
		for (Map.Entry<IdentityKind, byte[]> identity : query.identities().entrySet()) {
			String kind = "kind" + n;
			String lookup = "lookup" + n++;
			sql.append(" and exists (select 1 from customer_identity i where i.customer_id = c.id and i.kind = :")
				.append(kind)
				.append(" and i.lookup = :")
				.append(lookup)
				.append(')');
			params.put(kind, identity.getKey().code());
			params.put(lookup, identity.getValue());
		}
		if (!query.after().isEmpty()) {
			sql.append(" and ").append(query.sort().afterPredicate());
			params.putAll(query.sort().keysetParameters(query.after()));
		}
		sql.append(" order by ").append(query.sort().orderBy()).append(" limit :limit");
		params.put("limit", query.limit() + 1);
		List<Map.Entry<CustomerRow, String>> rows = jdbc.sql(sql.toString())
			.params(params)
			.query((rs, i) -> Map.entry(row(rs, i), rs.getString("last_name_key")))
			.list();
		List<CustomerRow> items = new ArrayList<>();
		String next = null;
		for (int i = 0; i < Math.min(rows.size(), query.limit()); i++) {
			items.add(rows.get(i).getKey());
		}
		if (rows.size() > query.limit()) {
			Map.Entry<CustomerRow, String> last = rows.get(query.limit() - 1);
			next = query.sort().cursorOf(last.getKey(), last.getValue());
		}
		return new Page<>(items, next);
	}

	static String likePrefix(String prefix) {
		return prefix.strip()
			.toLowerCase(java.util.Locale.ROOT)
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_") + "%";
	}

	static String json(Map<String, Object> traits) {
		return JSON.writeValueAsString(traits);
	}

	static Map<String, Object> traits(String json) {
		return json == null ? Map.of() : JSON.readValue(json, MAP);
	}

	static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static CustomerRow row(ResultSet rs, int n) throws SQLException {
		UUID mergedInto = rs.getObject("merged_into", UUID.class);
		return new CustomerRow(new CustomerId(rs.getObject("id", UUID.class)), rs.getString("external_id"),
				rs.getString("status"), rs.getString("first_name"), rs.getString("last_name"), rs.getString("gender"),
				rs.getObject("birth_date", LocalDate.class), rs.getString("city"), rs.getString("member_tier"),
				rs.getObject("member_since", LocalDate.class), rs.getString("locale"), traits(rs.getString("traits")),
				mergedInto == null ? null : new CustomerId(mergedInto), instant(rs, "created_at"),
				instant(rs, "updated_at"), rs.getLong("version"));
	}

	/**
	 * One search over profiles.
	 *
	 * @param namePrefix case-insensitive prefix of first or last name, or {@code null}
	 * @param identities exact identities (blind indexes) the profile must hold
	 * @param status a status, or {@code null} for every status but {@code merged}
	 * @param memberTier exact tier, or {@code null}
	 * @param sort the order
	 * @param after decoded cursor values, empty for the first page
	 * @param limit page size
	 */
	record CustomerQuery(String namePrefix, Map<IdentityKind, byte[]> identities, String status, String memberTier,
			CustomerSort sort, List<String> after, int limit) {
	}
}
