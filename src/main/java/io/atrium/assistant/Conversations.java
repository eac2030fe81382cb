package io.atrium.assistant;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.atrium.shared.Cursor;
import io.atrium.shared.Page;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** The assistant's conversations and their turns, each conversation owned by one user. */
@Repository
class Conversations {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	Conversations(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * @param id the conversation
	 * @param title its first question, shortened
	 * @param createdAt when it began
	 * @param updatedAt its last turn
	 * @param turns how many turns it has
	 */
	record Summary(UUID id, String title, Instant createdAt, Instant updatedAt, int turns) {
	}

	/**
	 * @param seq 1, 2, … in order
	 * @param query the question
	 * @param interpretation what was understood
	 * @param answer the answer text
	 * @param createdAt when
	 */
	record Turn(int seq, String query, Interpretation interpretation, String answer, Instant createdAt) {
	}

	/**
	 * @param id the conversation
	 * @param title its first question, shortened
	 * @param createdAt when it began
	 * @param updatedAt its last turn
	 * @param turns its turns in order
	 */
	record Conversation(UUID id, String title, Instant createdAt, Instant updatedAt, List<Turn> turns) {
	}

	/**
	 * Keeps one turn, starting the conversation when {@code id} is {@code null}, in one transaction.
	 * @return the conversation's id
	 */
	@org.springframework.transaction.annotation.Transactional
	UUID record(UUID id, String owner, String title, String query, Interpretation interpretation, String answer) {
		UUID conversation = id == null ? start(owner, title) : id;
		append(conversation, query, interpretation, answer);
		return conversation;
	}

	UUID start(String owner, String title) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("insert into assistant_conversation (id, owner, title, created_at, updated_at) values (?, ?, ?, ?, ?)")
			.params(id, owner, title, now, now)
			.update();
		return id;
	}

	boolean owns(UUID id, String owner) {
		return jdbc.sql("select count(*) from assistant_conversation where id = ? and owner = ?")
			.params(id, owner)
			.query(Long.class)
			.single() > 0;
	}

	Optional<Interpretation> lastInterpretation(UUID id) {
		return jdbc.sql("select interpretation::text from assistant_turn where conversation_id = ? order by seq desc limit 1")
			.param(id)
			.query(String.class)
			.optional()
			.map(text -> json.readValue(text, Interpretation.class));
	}

	void append(UUID id, String query, Interpretation interpretation, String answer) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("select id from assistant_conversation where id = ? for update").param(id).query(UUID.class).single();
		jdbc.sql("""
				insert into assistant_turn (conversation_id, seq, question, interpretation, answer, created_at)
				select ?, coalesce(max(seq), 0) + 1, ?, ?::jsonb, ?, ? from assistant_turn where conversation_id = ?""")
			.params(id, query, json.writeValueAsString(interpretation), answer, now, id)
			.update();
		jdbc.sql("update assistant_conversation set updated_at = ? where id = ?").params(now, id).update();
	}

	Page<Summary> list(String owner, String cursor, int limit) {
		List<String> after = Cursor.decode(cursor, 2);
		String where = after.isEmpty() ? "" : " and (c.updated_at, c.id) < (?, ?)";
		List<Object> params = new java.util.ArrayList<>(List.of(owner));
		if (!after.isEmpty()) {
			try {
				params.add(Timestamp.from(OffsetDateTime.parse(after.get(0)).toInstant()));
				params.add(UUID.fromString(after.get(1)));
			}
			catch (RuntimeException ex) {
				throw io.atrium.shared.InvalidInput.of("cursor", "is not a cursor from a previous page");
			}
		}
		params.add(limit + 1);
		List<Summary> rows = jdbc.sql("""
				select c.id, c.title, c.created_at, c.updated_at,
				       (select count(*) from assistant_turn t where t.conversation_id = c.id) as turns
				from assistant_conversation c where c.owner = ?""" + where
				+ " order by c.updated_at desc, c.id desc limit ?")
			.params(params)
			.query((rs, n) -> new Summary(rs.getObject("id", UUID.class), rs.getString("title"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getInt("turns")))
			.list();
		String next = null;
		if (rows.size() > limit) {
			rows = rows.subList(0, limit);
			Summary last = rows.get(limit - 1);
			next = Cursor.encode(OffsetDateTime.ofInstant(last.updatedAt(), java.time.ZoneOffset.UTC).toString(),
					last.id().toString());
		}
		return new Page<>(rows, next);
	}

	Optional<Conversation> find(UUID id, String owner) {
		return jdbc.sql("select id, title, created_at, updated_at from assistant_conversation where id = ? and owner = ?")
			.params(id, owner)
			.query((rs, n) -> new Conversation(rs.getObject("id", UUID.class), rs.getString("title"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					rs.getObject("updated_at", OffsetDateTime.class).toInstant(), turns(id)))
			.optional();
	}

	private List<Turn> turns(UUID id) {
		return jdbc.sql("""
				select seq, question, interpretation::text as interpretation, answer, created_at
				from assistant_turn where conversation_id = ? order by seq""")
			.param(id)
			.query((rs, n) -> new Turn(rs.getInt("seq"), rs.getString("question"),
					json.readValue(rs.getString("interpretation"), Interpretation.class), rs.getString("answer"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant()))
			.list();
	}
}
