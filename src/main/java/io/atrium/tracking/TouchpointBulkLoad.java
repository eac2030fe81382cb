package io.atrium.tracking;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.stereotype.Service;

/**
 * Loads touchpoint history (demo data, migrations from another system) at COPY speed: rows are streamed
 * into PostgreSQL's {@code COPY ... FROM STDIN} in text format without being held in memory.
 * <p>
 * This is a history load, not ingestion: it publishes no {@link TouchpointRecorded} events (listeners would
 * otherwise replay years of history as if it were happening now), does not resolve or create customers, and
 * does not deduplicate — a {@code message_id} that already exists fails the whole load. Modules that derive
 * state from touchpoints recompute it after a load. The load is one statement: it joins the caller's
 * transaction when there is one, otherwise it commits as a whole or not at all.
 */
@Service
public class TouchpointBulkLoad {

	static final String COPY_SQL = "copy touchpoint (id, customer_id, touchpoint_type, channel, occurred_at, "
			+ "received_at, source, message_id, campaign_id, store_id, location, amount, currency, rating, "
			+ "duration_seconds, metadata) from stdin (format text)";

	static final int PROGRESS_EVERY = 50_000;

	private static final int FLUSH_CHARS = 1 << 20;

	private final DataSource dataSource;

	private final JsonMapper json;

	private final Clock clock;

	TouchpointBulkLoad(DataSource dataSource, JsonMapper json, Clock clock) {
		this.dataSource = dataSource;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Streams all touchpoints into the database.
	 * @param touchpoints consumed once, never {@code null}; no element may be {@code null}
	 * @param progress told the number of rows sent so far about every 50,000 rows and once at the end
	 * @throws DataAccessException when the database refuses the rows (nothing is stored then)
	 * @throws NullPointerException when a touchpoint lacks customer, type, channel or time
	 */
	public void load(Iterator<NewTouchpoint> touchpoints, LongConsumer progress) {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		CopyIn copy = null;
		try {
			copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
			String receivedAt = clock.instant().toString();
			StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 8192);
			long rows = 0;
			while (touchpoints.hasNext()) {
				appendRow(buffer, touchpoints.next(), receivedAt);
				rows++;
				if (buffer.length() >= FLUSH_CHARS) {
					flush(copy, buffer);
				}
				if (rows % PROGRESS_EVERY == 0) {
					flush(copy, buffer);
					progress.accept(rows);
				}
			}
			flush(copy, buffer);
			copy.endCopy();
			copy = null;
			if (rows % PROGRESS_EVERY != 0) {
				progress.accept(rows);
			}
		}
		catch (SQLException ex) {
			throw new SQLErrorCodeSQLExceptionTranslator(dataSource).translate("touchpoint bulk load", COPY_SQL, ex);
		}
		finally {
			cancelQuietly(copy);
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	void appendRow(StringBuilder row, NewTouchpoint touchpoint, String receivedAt) {
		Objects.requireNonNull(touchpoint.customerId(), "customerId");
		Objects.requireNonNull(touchpoint.touchpointType(), "touchpointType");
		Objects.requireNonNull(touchpoint.channel(), "channel");
		Objects.requireNonNull(touchpoint.occurredAt(), "occurredAt");
		row.append(touchpoint.id() == null ? TimeOrderedIds.next() : touchpoint.id()).append('\t');
		row.append(touchpoint.customerId().value()).append('\t');
		text(row, touchpoint.touchpointType()).append('\t');
		text(row, touchpoint.channel()).append('\t');
		row.append(touchpoint.occurredAt()).append('\t');
		row.append(receivedAt).append('\t');
		text(row, touchpoint.source() == null ? "bulk" : touchpoint.source()).append('\t');
		text(row, touchpoint.messageId()).append('\t');
		text(row, touchpoint.campaignId()).append('\t');
		text(row, touchpoint.storeId()).append('\t');
		text(row, touchpoint.location()).append('\t');
		text(row, touchpoint.amount() == null ? null : touchpoint.amount().toPlainString()).append('\t');
		text(row, touchpoint.currency()).append('\t');
		text(row, touchpoint.rating() == null ? null : touchpoint.rating().toString()).append('\t');
		text(row, touchpoint.durationSeconds() == null ? null : touchpoint.durationSeconds().toString()).append('\t');
		Map<String, Object> metadata = touchpoint.metadata();
		text(row, metadata == null || metadata.isEmpty() ? "{}" : json.writeValueAsString(metadata)).append('\n');
	}

	/** Appends a value in COPY text format: {@code \N} for null, backslash escapes for control characters. */
	static StringBuilder text(StringBuilder row, String value) {
		if (value == null) {
			return row.append("\\N");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> row.append("\\\\");
				case '\t' -> row.append("\\t");
				case '\n' -> row.append("\\n");
				case '\r' -> row.append("\\r");
				case '\b' -> row.append("\\b");
				case '\f' -> row.append("\\f");
				case 0x0B -> row.append("\\v");
				default -> row.append(c);
			}
		}
		return row;
	}

	private static void flush(CopyIn copy, StringBuilder buffer) throws SQLException {
		if (buffer.length() == 0) {
			return;
		}
		byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
		copy.writeToCopy(bytes, 0, bytes.length);
		buffer.setLength(0);
	}

	private static void cancelQuietly(CopyIn copy) {
		if (copy != null && copy.isActive()) {
			try {
				copy.cancelCopy();
			}
			catch (SQLException ignored) {
				// the connection is broken already; the COPY is rolled back by the server
			}
		}
	}
}
