package io.atrium.segment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.atrium.customer.CustomerErased;
import io.atrium.customer.PersonalDataSection;
import io.atrium.shared.CustomerId;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The segment module's part in privacy: exports a person's membership history and, on {@link CustomerErased}
 * (in the erasing transaction), drops the profile snapshot (traits, city, birth date) and timers and closes
 * memberships. Daily touchpoint counts stay as anonymous aggregates under the pseudonymous profile id.
 */
@Component
class SegmentPrivacy implements PersonalDataSection {

	private final JdbcClient jdbc;

	SegmentPrivacy(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One stay in a segment. */
	record Stay(UUID segmentId, String segmentName, Instant enteredAt, Instant leftAt) {
	}

	@Override
	public String name() {
		return "segment_memberships";
	}

	@Override
	public Object export(CustomerId customer) {
		List<Stay> stays = jdbc.sql("""
				select s.id, s.name, m.entered_at, m.left_at from segment_membership m join segment s on s.id = m.segment_id
				where m.customer_id = :customer order by m.entered_at, m.id
				""")
			.param("customer", customer.value())
			.query((rs, n) -> new Stay(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getObject(3, OffsetDateTime.class).toInstant(),
					rs.getObject(4, OffsetDateTime.class) == null ? null : rs.getObject(4, OffsetDateTime.class).toInstant()))
			.list();
		return stays;
	}

	@EventListener
	void on(CustomerErased erased) {
		jdbc.sql("delete from segment_profile where customer_id = :id").param("id", erased.id().value()).update();
		jdbc.sql("delete from segment_timer where customer_id = :id").param("id", erased.id().value()).update();
		jdbc.sql("delete from segment_standing where customer_id = :id").param("id", erased.id().value()).update();
		jdbc.sql("update segment_membership set left_at = now() where customer_id = :id and left_at is null")
			.param("id", erased.id().value())
			.update();
	}
}
