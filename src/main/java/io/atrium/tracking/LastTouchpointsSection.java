package io.atrium.tracking;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.atrium.customer.ProfileSection;
import io.atrium.shared.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ten latest touchpoints of a customer, for the 360° profile.
 */
@Component
class LastTouchpointsSection implements ProfileSection {

	static final int SHOWN = 10;

	private final JdbcClient jdbc;

	LastTouchpointsSection(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One touchpoint as the profile lists it. */
	record Latest(UUID touchpointId, String touchpointType, String channel, Instant occurredAt, String storeId,
			BigDecimal amount) {
	}

	@Override
	public String name() {
		return "last_touchpoints";
	}

	@Override
	public Object of(CustomerId customer) {
		List<Latest> latest = jdbc.sql("""
				select id, touchpoint_type, channel, occurred_at, store_id, amount from touchpoint
				where customer_id = :customer order by occurred_at desc, id desc limit :shown
				""")
			.param("customer", customer.value())
			.param("shown", SHOWN)
			.query((rs, n) -> new Latest(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getBigDecimal(6)))
			.list();
		return latest;
	}
}
