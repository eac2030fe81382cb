package io.atrium.tracking;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access to stored touchpoint history for modules that derive state from it (journeys after a bulk load,
 * model training). Streams rows without holding them in memory; never writes.
 */
@Service
public class TouchpointHistory {

	private static final String COLUMNS = "id, customer_id, touchpoint_type, channel, occurred_at, amount, rating, "
			+ "metadata ->> 'event' as event";

	private final JdbcTemplate jdbc;

	TouchpointHistory(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One stored touchpoint, as history readers need it.
	 *
	 * @param id the touchpoint id
	 * @param customerId the profile it belongs to now
	 * @param touchpointType e.g. {@code purchase}
	 * @param channel e.g. {@code store}
	 * @param occurredAt when it happened
	 * @param amount money spent, or {@code null}
	 * @param rating 1–5 for reviews, or {@code null}
	 * @param event the original event name of a {@code custom_event} ({@code metadata.event}), or {@code null}
	 */
	public record HistoricTouchpoint(UUID id, CustomerId customerId, String touchpointType, String channel,
			Instant occurredAt, BigDecimal amount, Integer rating, String event) {
	}

	/**
	 * Streams every stored touchpoint to the consumer, grouped by customer (all of one customer's touchpoints
	 * are consecutive) and, within a customer, ordered by time. Runs in one read-only transaction.
	 * @param consumer called once per touchpoint on the caller's thread, never with {@code null}
	 * @return how many touchpoints were streamed
	 */
	@Transactional(readOnly = true)
	public long stream(Consumer<HistoricTouchpoint> consumer) {
		long[] count = { 0 };
		jdbc.query(connection -> {
			var statement = connection.prepareStatement(
					"select " + COLUMNS + " from touchpoint order by customer_id, occurred_at, id");
			statement.setFetchSize(10_000);
			return statement;
		}, (RowCallbackHandler) rs -> {
			consumer.accept(row(rs));
			count[0]++;
		});
		return count[0];
	}

	/**
	 * Streams the stored touchpoints of some customers, grouped by customer and ordered by time, like
	 * {@link #stream(Consumer)}.
	 * @param customers the profiles, at most a few thousand
	 * @param consumer called once per touchpoint on the caller's thread
	 * @return how many touchpoints were streamed
	 */
	@Transactional(readOnly = true)
	public long streamOf(java.util.Collection<CustomerId> customers, Consumer<HistoricTouchpoint> consumer) {
		long[] count = { 0 };
		UUID[] ids = customers.stream().map(CustomerId::value).toArray(UUID[]::new);
		jdbc.query(connection -> {
			var statement = connection.prepareStatement(
					"select " + COLUMNS + " from touchpoint where customer_id = any(?) order by customer_id, occurred_at, id");
			statement.setArray(1, connection.createArrayOf("uuid", ids));
			return statement;
		}, (RowCallbackHandler) rs -> {
			consumer.accept(row(rs));
			count[0]++;
		});
		return count[0];
	}

	/**
	 * @param id a touchpoint id
	 * @return that touchpoint, or empty when none is stored with this id
	 */
	@Transactional(readOnly = true)
	public Optional<HistoricTouchpoint> find(UUID id) {
		return jdbc.query("select " + COLUMNS + " from touchpoint where id = ?", (rs, n) -> row(rs), id)
			.stream()
			.findFirst();
	}

	private static HistoricTouchpoint row(ResultSet rs) throws SQLException {
		OffsetDateTime occurred = rs.getObject("occurred_at", OffsetDateTime.class);
		return new HistoricTouchpoint(rs.getObject("id", UUID.class),
				new CustomerId(rs.getObject("customer_id", UUID.class)), rs.getString("touchpoint_type"),
				rs.getString("channel"), occurred.toInstant(), rs.getBigDecimal("amount"),
				(Integer) rs.getObject("rating", Integer.class), rs.getString("event"));
	}
}
