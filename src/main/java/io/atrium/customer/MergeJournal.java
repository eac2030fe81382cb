package io.atrium.customer;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What each merge moved ({@code customer_merge}), so that an unmerge restores both profiles exactly.
 */
@Repository
class MergeJournal {

	private final JdbcClient jdbc;

	MergeJournal(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One merge.
	 * @param absorbedStatus the absorbed profile's status before the merge
	 * @param filledFields survivor fields that were empty and took the absorbed profile's value
	 * @param addedTraits trait keys the survivor lacked and took from the absorbed profile
	 * @param movedIdentities ids of the identities handed to the survivor
	 * @param copiedConsents ids of the consent rows copied to the survivor's ledger
	 * @param repointed profiles merged earlier into the absorbed one, repointed at the survivor
	 */
	record Entry(long id, CustomerId absorbed, CustomerId survivor, String absorbedStatus, List<String> filledFields,
			List<String> addedTraits, List<Long> movedIdentities, List<Long> copiedConsents, List<UUID> repointed) {
	}

	void record(Entry entry, Instant now, String actor) {
		jdbc.sql("""
				insert into customer_merge (absorbed, survivor, absorbed_status, filled_fields, added_traits,
				    moved_identities, copied_consents, repointed, merged_at, merged_by)
				values (:absorbed, :survivor, :status, :fields, :traits, :identities, :consents, :repointed, :now, :actor)
				""")
			.param("absorbed", entry.absorbed().value())
			.param("survivor", entry.survivor().value())
			.param("status", entry.absorbedStatus())
			.param("fields", entry.filledFields().toArray(String[]::new))
			.param("traits", entry.addedTraits().toArray(String[]::new))
			.param("identities", entry.movedIdentities().toArray(Long[]::new))
			.param("consents", entry.copiedConsents().toArray(Long[]::new))
			.param("repointed", entry.repointed().toArray(UUID[]::new))
			.param("now", Timestamp.from(now))
			.param("actor", actor)
			.update();
	}

	/** @return the latest merge of {@code absorbed} that was not reversed */
	Optional<Entry> open(CustomerId absorbed) {
		return jdbc.sql("""
				select * from customer_merge where absorbed = :absorbed and unmerged_at is null order by id desc limit 1
				""").param("absorbed", absorbed.value()).query((rs, n) -> new Entry(rs.getLong("id"),
				new CustomerId(rs.getObject("absorbed", UUID.class)), new CustomerId(rs.getObject("survivor", UUID.class)),
				rs.getString("absorbed_status"), list(rs.getArray("filled_fields"), String.class),
				list(rs.getArray("added_traits"), String.class), list(rs.getArray("moved_identities"), Long.class),
				list(rs.getArray("copied_consents"), Long.class), list(rs.getArray("repointed"), UUID.class))).optional();
	}

	void reversed(long id, Instant now, String actor) {
		jdbc.sql("update customer_merge set unmerged_at = :now, unmerged_by = :actor where id = :id")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.param("actor", actor)
			.update();
	}

	private static <T> List<T> list(Array array, Class<T> type) throws SQLException {
		Object[] values = (Object[]) array.getArray();
		return Arrays.stream(values).map(type::cast).toList();
	}
}
