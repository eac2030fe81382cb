package io.atrium.goals;

import java.time.Instant;
import java.util.List;

import io.atrium.shared.Cursor;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Limit;
import io.atrium.shared.Page;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Every configuration change, newest first, and reverting one. */
@Service
public class ConfigHistory {

	private final ConfigDocuments documents;

	private final JsonMapper json;

	ConfigHistory(ConfigDocuments documents, JsonMapper json) {
		this.documents = documents;
		this.json = json;
	}

	/**
	 * A kept change.
	 *
	 * @param id its id, increasing
	 * @param kind {@code goals} or {@code ai_preferences}
	 * @param actor who made it
	 * @param changedAt when
	 * @param before the document before, or {@code null} for the first change
	 * @param after the document after
	 * @param revertedChangeId the change this one reverted, or {@code null}
	 */
	public record ConfigChange(long id, String kind, String actor, Instant changedAt, JsonNode before, JsonNode after,
			Long revertedChangeId) {
	}

	/**
	 * @param kind {@code goals}, {@code ai_preferences} or {@code null} for both
	 * @param cursor from a previous page, or {@code null}
	 * @param limit page size, {@code null} for the default
	 * @return changes newest first
	 */
	@Transactional(readOnly = true)
	public Page<ConfigChange> list(String kind, String cursor, Integer limit) {
		if (kind != null && !List.of(BusinessGoals.KIND, AiPreferences.KIND).contains(kind)) {
			throw InvalidInput.of("kind", "must be goals or ai_preferences");
		}
		Long before = null;
		if (cursor != null && !cursor.isBlank()) {
			try {
				before = Long.parseLong(Cursor.decode(cursor, 1).get(0));
			}
			catch (RuntimeException ex) {
				throw InvalidInput.of("cursor", "is not a cursor from this list");
			}
		}
		int size = Limit.of(limit);
		List<ConfigDocuments.Change> rows = documents.changes(kind, before, size + 1);
		String next = rows.size() > size ? Cursor.encode(Long.toString(rows.get(size - 1).id())) : null;
		return new Page<>(rows.stream().limit(size).map(this::view).toList(), next);
	}

	/**
	 * Puts back the document as it was before the given change, as a new change.
	 * @param id the change to revert
	 * @param actor who reverts
	 * @return the new change
	 * @throws ConfigChangeNotFound when there is no change with this id
	 */
	@Transactional
	public ConfigChange revert(String id, String actor) {
		long changeId;
		try {
			changeId = Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw new ConfigChangeNotFound(id);
		}
		ConfigDocuments.Change change = documents.change(changeId).orElseThrow(() -> new ConfigChangeNotFound(id));
		String restored = change.before() != null ? change.before()
				: change.kind().equals(AiPreferences.KIND) ? json.writeValueAsString(AiPreferences.DEFAULTS) : "[]";
		return view(documents.write(change.kind(), restored, actor, changeId));
	}

	private ConfigChange view(ConfigDocuments.Change change) {
		return new ConfigChange(change.id(), change.kind(), change.actor(), change.changedAt(),
				change.before() == null ? null : json.readTree(change.before()), json.readTree(change.after()),
				change.revertedChangeId());
	}
}
