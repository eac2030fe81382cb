package io.atrium.messaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Read access for reports (analytics): how many messages were created per channel in a time span, by outcome.
 * Aggregates only; never a recipient.
 */
@Service
public class MessageStatistics {

	private final JdbcTemplate jdbc;

	MessageStatistics(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param channel {@code email}, {@code sms} or {@code push}
	 * @param messages messages created in the span
	 * @param sent handed to the provider (later opened or clicked included)
	 * @param failed the provider refused or never answered
	 * @param refused not sent: consent, erasure, frequency cap or quiet hours
	 * @param opened opened (clicked included)
	 * @param clicked a tracked link clicked
	 */
	public record ChannelCounts(String channel, long messages, long sent, long failed, long refused, long opened,
			long clicked) {
	}

	/**
	 * @param from start, inclusive
	 * @param to end, exclusive
	 * @return per channel with at least one message created in the span, by channel name
	 */
	public List<ChannelCounts> byChannel(Instant from, Instant to) {
		return jdbc.query("""
				select channel, count(*),
				       count(*) filter (where status in ('sent', 'opened', 'clicked')),
				       count(*) filter (where status = 'failed'),
				       count(*) filter (where status = 'refused'),
				       count(*) filter (where status in ('opened', 'clicked')),
				       count(*) filter (where status = 'clicked')
				from message where created_at >= ? and created_at < ? group by channel order by channel""",
				(rs, n) -> new ChannelCounts(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
						rs.getLong(5), rs.getLong(6), rs.getLong(7)),
				Timestamp.from(from), Timestamp.from(to));
	}
}
