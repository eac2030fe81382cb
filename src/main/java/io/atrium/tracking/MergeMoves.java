package io.atrium.tracking;

import java.sql.Timestamp;
import java.time.Clock;

import io.atrium.customer.CustomersUnmerged;
import io.atrium.shared.CustomerId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Remembers which touchpoints a merge moved to the survivor ({@code touchpoint_merge_move}) and moves exactly
 * those back when the merge is reversed ({@link CustomersUnmerged}). Touchpoints recorded for the survivor after
 * the merge stay with it.
 */
@Component
class MergeMoves {

	private static final Logger log = LoggerFactory.getLogger(MergeMoves.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	MergeMoves(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/** Records the touchpoints {@code from} holds, before they move to {@code to}. */
	void remember(CustomerId from, CustomerId to) {
		jdbc.sql("""
				insert into touchpoint_merge_move (absorbed, survivor, touchpoint_id, moved_at)
				select :from, :to, id, :now from touchpoint where customer_id = :from
				on conflict do nothing
				""")
			.param("from", from.value())
			.param("to", to.value())
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	@ApplicationModuleListener
	void on(CustomersUnmerged unmerged) {
		int moved = jdbc.sql("""
				update touchpoint t set customer_id = m.absorbed from touchpoint_merge_move m
				where m.touchpoint_id = t.id and m.absorbed = :absorbed and m.survivor = :survivor
				and t.customer_id = :survivor
				""")
			.param("absorbed", unmerged.restored().value())
			.param("survivor", unmerged.survivor().value())
			.update();
		jdbc.sql("delete from touchpoint_merge_move where absorbed = :absorbed and survivor = :survivor")
			.param("absorbed", unmerged.restored().value())
			.param("survivor", unmerged.survivor().value())
			.update();
		log.info("Moved {} touchpoints back to unmerged profile {}", moved, unmerged.restored());
		events.publishEvent(new TouchpointsReassigned(unmerged.survivor(), unmerged.restored(), moved));
	}
}
