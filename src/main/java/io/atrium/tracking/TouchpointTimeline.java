package io.atrium.tracking;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Consumer;

import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access to stored touchpoints in time order, with the places and campaigns they carry, for modules that
 * keep rollups and rebuild them from history (analytics after a bulk load). Streams rows without holding them
 * in memory; never writes.
 */
@Service
public class TouchpointTimeline {

	private final JdbcTemplate jdbc;

	TouchpointTimeline(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Streams the touchpoints that occurred from {@code from} (inclusive) to {@code to} (exclusive), ordered by time (ties by id), as
	 * {@link TouchpointRecorded} values, in one read-only transaction.
	 * @param from first instant, inclusive, never {@code null}
	 * @param to last instant, exclusive, never {@code null}
	 * @param consumer called once per touchpoint on the caller's thread, never with {@code null}
	 * @return how many touchpoints were streamed
	 */
	@Transactional(readOnly = true)
	public long stream(Instant from, Instant to, Consumer<TouchpointRecorded> consumer) {
		long[] count = { 0 };
		jdbc.query(connection -> {
			var statement = connection.prepareStatement("""
					select id, customer_id, touchpoint_type, channel, occurred_at, amount, campaign_id, store_id
					from touchpoint where occurred_at >= ? and occurred_at < ? order by occurred_at, id""");
			statement.setTimestamp(1, Timestamp.from(from));
			statement.setTimestamp(2, Timestamp.from(to));
			statement.setFetchSize(10_000);
			return statement;
		}, (RowCallbackHandler) rs -> {
			BigDecimal amount = rs.getBigDecimal("amount");
			consumer.accept(new TouchpointRecorded(rs.getObject("id", UUID.class),
					new CustomerId(rs.getObject("customer_id", UUID.class)), rs.getString("touchpoint_type"),
					rs.getString("channel"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), amount,
					rs.getString("campaign_id"), rs.getString("store_id")));
			count[0]++;
		});
		return count[0];
	}

	/**
	 * Review ratings in a span, aggregated.
	 * @param reviews reviews with a rating
	 * @param sum their ratings added up
	 */
	public record Ratings(long reviews, long sum) {
	}

	/**
	 * @param from first instant, inclusive, never {@code null}
	 * @param to last instant, exclusive, never {@code null}
	 * @return how many {@code review} touchpoints with a 1–5 rating occurred in the span, and their sum
	 */
	@Transactional(readOnly = true)
	public Ratings ratings(Instant from, Instant to) {
		return jdbc.queryForObject("""
				select count(rating), coalesce(sum(rating), 0) from touchpoint
				where occurred_at >= ? and occurred_at < ? and touchpoint_type = 'review' and rating is not null""",
				(rs, n) -> new Ratings(rs.getLong(1), rs.getLong(2)), Timestamp.from(from), Timestamp.from(to));
	}

	/** @return the earliest stored touchpoint time, or {@code null} when there is none */
	@Transactional(readOnly = true)
	public Instant earliest() {
		OffsetDateTime first = jdbc.queryForObject("select min(occurred_at) from touchpoint", OffsetDateTime.class);
		return first == null ? null : first.toInstant();
	}
}
