package io.atrium.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identity resolution for ingestion: maps the ids an event carries (the mall's external customer id, an
 * anonymous id) to profiles, creating profiles for ids not seen before, so that nothing accepted is dropped
 * for want of a customer.
 */
@Service
public class IdentifyingCustomers {

	private final JdbcClient jdbc;

	private final Clock clock;

	IdentifyingCustomers(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Resolves external ids in one round trip; ids without a profile get a new active profile holding only
	 * the external id.
	 * @param externalIds the mall's customer ids, e.g. {@code CUST001}; blank ones are not allowed
	 * @param source where the ids came from, e.g. {@code api}
	 * @return a profile id for every distinct external id given
	 */
	@Transactional
	public Map<String, CustomerId> resolveOrCreate(Collection<String> externalIds, String source) {
		Map<String, CustomerId> found = lookup(externalIds);
		List<String> missing = externalIds.stream().distinct().filter(id -> !found.containsKey(id)).toList();
		if (!missing.isEmpty()) {
			Instant now = clock.instant();
			for (String externalId : missing) {
				jdbc.sql("""
						insert into customer (id, external_id, status, created_at, updated_at)
						values (:id, :externalId, 'active', :now, :now)
						on conflict (external_id) do nothing
						""")
					.param("id", UUID.randomUUID())
					.param("externalId", externalId)
					.param("now", java.sql.Timestamp.from(now))
					.update();
			}
			found.putAll(lookup(missing));
		}
		return found;
	}

	/**
	 * @param externalId the mall's customer id
	 * @return the profile id, if a profile has this external id
	 */
	public Optional<CustomerId> findByExternalId(String externalId) {
		return Optional.ofNullable(lookup(List.of(externalId)).get(externalId));
	}

	/**
	 * @param ids profile ids
	 * @return the external id of each profile found
	 */
	public Map<CustomerId, String> externalIds(Collection<CustomerId> ids) {
		Map<CustomerId, String> result = new HashMap<>();
		if (ids.isEmpty()) {
			return result;
		}
		jdbc.sql("select id, external_id from customer where id = any(:ids)")
			.param("ids", ids.stream().map(CustomerId::value).toArray(UUID[]::new))
			.query((rs, n) -> Map.entry(new CustomerId(rs.getObject(1, UUID.class)), rs.getString(2)))
			.list()
			.forEach(e -> result.put(e.getKey(), e.getValue()));
		return result;
	}

	private Map<String, CustomerId> lookup(Collection<String> externalIds) {
		Map<String, CustomerId> result = new HashMap<>();
		if (externalIds.isEmpty()) {
			return result;
		}
		jdbc.sql("select external_id, id from customer where external_id = any(:ids)")
			.param("ids", externalIds.toArray(String[]::new))
			.query((rs, n) -> Map.entry(rs.getString(1), new CustomerId(rs.getObject(2, UUID.class))))
			.list()
			.forEach(e -> result.put(e.getKey(), e.getValue()));
		return result;
	}
}
