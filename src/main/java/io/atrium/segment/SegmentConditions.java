package io.atrium.segment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.atrium.shared.CustomerId;
import io.atrium.shared.InvalidInput;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The segment rule tree as a condition on one customer, for other modules (automation's {@code branch} step). The
 * rule is the same JSON tree dynamic segments use, checked and compiled by the same rules; nothing in it is evaluated
 * as code (user input only becomes bind parameters).
 */
@Service
@Transactional(readOnly = true)
public class SegmentConditions {

	private final JdbcTemplate jdbc;

	private final SegmentTexts texts;

	private final Clock clock;

	SegmentConditions(JdbcTemplate jdbc, SegmentTexts texts, Clock clock) {
		this.jdbc = jdbc;
		this.texts = texts;
		this.clock = clock;
	}

	/**
	 * @param rule a rule tree
	 * @throws InvalidInput naming every fault, fields prefixed {@code rule}
	 */
	public void check(JsonNode rule) {
		SegmentRules.compile(rule, LocalDate.now(clock), clock.getZone(), texts);
	}

	/**
	 * @param rule a rule tree (as for dynamic segments)
	 * @param customer a profile id
	 * @return whether the customer (active, not erased or merged) satisfies the rule now
	 * @throws InvalidInput when the rule is not valid
	 */
	public boolean matches(JsonNode rule, CustomerId customer) {
		SegmentRules.Compiled compiled = SegmentRules.compile(rule, LocalDate.now(clock), clock.getZone(), texts);
		List<Object> arguments = new ArrayList<>();
		arguments.add(customer.value());
		arguments.addAll(compiled.parameters());
		return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from segment_profile p where p.customer_id = ?"
				+ " and p.status = 'active' and (" + compiled.predicate() + "))", Boolean.class, arguments.toArray()));
	}
}
