package io.atrium.segment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.atrium.customer.ProfileSection;
import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The active segments a customer belongs to, for the 360° profile.
 */
@Component
class SegmentsSection implements ProfileSection {

	private final JdbcClient jdbc;

	SegmentsSection(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A segment the customer is in. */
	record Belonging(UUID segmentId, String name, String type, Instant enteredAt) {
	}

	@Override
	public String name() {
		return "segments";
	}

	@Override
	public Object of(CustomerId customer) {
		List<Belonging> belongings = jdbc.sql("""
				select s.id, s.name, s.type, m.entered_at from segment_membership m join segment s on s.id = m.segment_id
				where m.customer_id = :customer and m.left_at is null and s.status = 'active' order by m.entered_at, s.id
				""")
			.param("customer", customer.value())
			.query((rs, n) -> new Belonging(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class).toInstant()))
			.list();
		return belongings;
	}
}
