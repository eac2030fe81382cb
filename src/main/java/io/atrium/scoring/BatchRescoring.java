package io.atrium.scoring;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atrium.customer.CustomerDirectory;
import io.atrium.customer.CustomerSummary;
import io.atrium.shared.CustomerId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rescores many customers in chunks, each chunk in one transaction with set-based SQL: the chunk's score rows
 * are created when missing and locked in id order, its activity is read under the lock, scores are computed
 * in memory, and then one statement appends the ledger rows of every changed score, one statement updates
 * the score rows that change (scores, quality, qualification, model or configuration version; a customer whose
 * rescoring changes none of them keeps its row untouched, {@code scored_at} included) and one records
 * qualification changes. The ledger invariant holds exactly as for a single
 * customer: every {@code old} is the locked value, every row's new value is the sum of its ledger.
 */
@Component
class BatchRescoring {

	static final int CHUNK = 2_000;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final ScoringConfigs configs;

	private final ActiveModel models;

	private final CustomerDirectory directory;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final Clock clock;

	BatchRescoring(JdbcTemplate jdbc, TransactionTemplate transactions, ScoringConfigs configs, ActiveModel models,
			CustomerDirectory directory, ApplicationEventPublisher events, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.configs = configs;
		this.models = models;
		this.directory = directory;
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Rescores one chunk of customers in one transaction.
	 * @param ids the customers, at most a few thousand
	 * @param cause ledger cause
	 * @param causeRef its reference, or {@code null}
	 * @return qualification per customer after the rescoring
	 */
	Map<String, Long> rescore(List<CustomerId> ids, String cause, String causeRef) {
		Map<String, Long> qualifications = new HashMap<>();
		transactions.executeWithoutResult(status -> {
			Instant now = clock.instant();
			LocalDate today = LocalDate.ofInstant(now, clock.getZone());
			ScoringConfigs.Versioned config = configs.current();
			TrainedModel model = models.current().orElse(null);
			List<ScoreFactor> factors = ScoreFactors.allCurrentFactors(config.config(), model, false);
			List<QualificationRule> rules = QualificationRule.allCurrentRules(config.config().qualification());
			UUID[] uuids = ids.stream().map(CustomerId::value).sorted().toArray(UUID[]::new);
			Timestamp at = Timestamp.from(now);
			jdbc.execute((ConnectionCallback<Void>) connection -> {
				try (PreparedStatement insert = connection.prepareStatement("""
						insert into lead_score (customer_id, scored_at) select unnest(?::uuid[]), ?
						on conflict do nothing
						""")) {
					insert.setArray(1, connection.createArrayOf("uuid", uuids));
					insert.setTimestamp(2, at);
					insert.executeUpdate();
				}
				return null;
			});
			Map<UUID, Object[]> old = new HashMap<>();
			jdbc.query(connection -> {
				PreparedStatement select = connection.prepareStatement("""
						select customer_id, behavioral, demographic, engagement, predictive, composite, qualification,
						       lead_quality, model_version, config_version
						from lead_score where customer_id = any(?) order by customer_id for update
						""");
				select.setArray(1, connection.createArrayOf("uuid", uuids));
				return select;
			}, rs -> {
				old.put(rs.getObject(1, UUID.class), new Object[] { rs.getBigDecimal(2), rs.getBigDecimal(3),
						rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7), rs.getString(8),
						rs.getObject(9, Integer.class), rs.getObject(10, Integer.class) });
			});
			Map<UUID, List<Activity.Day>> activity = new HashMap<>();
			jdbc.query(connection -> {
				PreparedStatement select = connection.prepareStatement(
						"select customer_id, touchpoint_type, day, events, amount from scoring_activity where customer_id = any(?)");
				select.setArray(1, connection.createArrayOf("uuid", uuids));
				return select;
			}, rs -> {
				activity.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new Activity.Day(rs.getString(2), rs.getDate(3).toLocalDate(), rs.getInt(4), rs.getDouble(5)));
			});
			Map<CustomerId, CustomerSummary> profiles = directory.findAll(ids);

			Ledger ledger = new Ledger();
			Updates updates = new Updates(uuids.length);
			List<LeadQualified> changed = new ArrayList<>();
			List<LeadScoresChanged.Change> moved = new ArrayList<>();
			for (UUID uuid : uuids) {
				CustomerId id = new CustomerId(uuid);
				ScoreFactor.Subject subject = ScoringManagement.subject(profiles.get(id),
						new Activity(activity.getOrDefault(uuid, List.of())), today);
				ScoreFactors.Scores scores = ScoreFactors.score(config.config(), factors, subject);
				QualificationRule.Decision decision = QualificationRule.decide(rules, scores);
				Map<String, Double> values = ScoringManagement.stored(scores);
				Object[] before = old.get(uuid);
				BigDecimal[] next = new BigDecimal[LeadScores.KINDS.size()];
				boolean scoreMoved = false;
				for (int k = 0; k < next.length; k++) {
					next[k] = LeadScores.scaled(values.get(LeadScores.KINDS.get(k)));
					BigDecimal previous = (BigDecimal) before[k];
					if (next[k].compareTo(previous) != 0) {
						ledger.add(uuid, LeadScores.KINDS.get(k), previous, next[k]);
						scoreMoved = true;
					}
				}
				if (scoreMoved) {
					moved.add(new LeadScoresChanged.Change(id, next[4].doubleValue(), next[0].doubleValue(),
							next[1].doubleValue(), next[2].doubleValue(), next[3].doubleValue(), scores.quality(), now));
				}
				String previous = (String) before[5];
				boolean unchanged = !scoreMoved && previous.equals(decision.qualification())
						&& scores.quality().equals(before[6])
						&& java.util.Objects.equals(model == null ? null : model.version(), before[7])
						&& java.util.Objects.equals(config.version(), before[8]);
				if (!unchanged) {
					updates.add(uuid, next, scores.quality(), decision, json.writeValueAsString(scores.topFactors()));
				}
				if (!previous.equals(decision.qualification())) {
					changed.add(new LeadQualified(id, previous, decision.qualification(), decision.rule(),
							next[4].doubleValue(), now));
				}
				qualifications.merge(decision.qualification(), 1L, Long::sum);
			}
			jdbc.execute((ConnectionCallback<Void>) connection -> {
				ledger.write(connection, cause, causeRef, at);
				updates.write(connection, model == null ? null : model.version(), config.version(), at);
				writeQualifications(connection, changed, at);
				return null;
			});
			changed.forEach(events::publishEvent);
			if (!moved.isEmpty()) {
				events.publishEvent(new LeadScoresChanged(moved));
			}
		});
		return qualifications;
	}

	private static void writeQualifications(Connection connection, List<LeadQualified> changed, Timestamp at)
			throws java.sql.SQLException {
		if (changed.isEmpty()) {
			return;
		}
		try (PreparedStatement insert = connection.prepareStatement("""
				insert into lead_qualification (customer_id, previous, qualification, rule, composite, occurred_at)
				select unnest(?::uuid[]), unnest(?::text[]), unnest(?::text[]), unnest(?::text[]), unnest(?::numeric[]), ?
				""")) {
			insert.setArray(1, connection.createArrayOf("uuid", changed.stream().map(c -> c.customerId().value()).toArray()));
			insert.setArray(2, connection.createArrayOf("text", changed.stream().map(LeadQualified::previous).toArray()));
			insert.setArray(3,
					connection.createArrayOf("text", changed.stream().map(LeadQualified::qualification).toArray()));
			insert.setArray(4, connection.createArrayOf("text", changed.stream().map(LeadQualified::rule).toArray()));
			insert.setArray(5, connection.createArrayOf("numeric",
					changed.stream().map(c -> LeadScores.scaled(c.compositeScore())).toArray()));
			insert.setTimestamp(6, at);
			insert.executeUpdate();
		}
	}

	/** Ledger rows of a chunk, written with one statement. */
	private static final class Ledger {

		final List<UUID> customers = new ArrayList<>();

		final List<String> kinds = new ArrayList<>();

		final List<BigDecimal> olds = new ArrayList<>();

		final List<BigDecimal> news = new ArrayList<>();

		final List<BigDecimal> deltas = new ArrayList<>();

		void add(UUID customer, String kind, BigDecimal old, BigDecimal updated) {
			customers.add(customer);
			kinds.add(kind);
			olds.add(old);
			news.add(updated);
			deltas.add(updated.subtract(old));
		}

		void write(Connection connection, String cause, String causeRef, Timestamp at) throws java.sql.SQLException {
			if (customers.isEmpty()) {
				return;
			}
			try (PreparedStatement insert = connection.prepareStatement("""
					insert into score_ledger (customer_id, kind, old_value, new_value, delta, cause, cause_ref, occurred_at)
					select unnest(?::uuid[]), unnest(?::text[]), unnest(?::numeric[]), unnest(?::numeric[]),
					       unnest(?::numeric[]), ?, ?, ?
					""")) {
				insert.setArray(1, connection.createArrayOf("uuid", customers.toArray()));
				insert.setArray(2, connection.createArrayOf("text", kinds.toArray()));
				insert.setArray(3, connection.createArrayOf("numeric", olds.toArray()));
				insert.setArray(4, connection.createArrayOf("numeric", news.toArray()));
				insert.setArray(5, connection.createArrayOf("numeric", deltas.toArray()));
				insert.setString(6, cause);
				insert.setString(7, causeRef);
				insert.setTimestamp(8, at);
				insert.executeUpdate();
			}
		}
	}

	/** New score rows of a chunk, written with one statement. */
	private static final class Updates {

		final UUID[] customers;

		final BigDecimal[][] values;

		final String[] quality;

		final String[] qualification;

		final String[] rule;

		final String[] factors;

		int size;

		Updates(int capacity) {
			customers = new UUID[capacity];
			values = new BigDecimal[LeadScores.KINDS.size()][capacity];
			quality = new String[capacity];
			qualification = new String[capacity];
			rule = new String[capacity];
			factors = new String[capacity];
		}

		void add(UUID customer, BigDecimal[] next, String lead, QualificationRule.Decision decision, String top) {
			customers[size] = customer;
			for (int k = 0; k < next.length; k++) {
				values[k][size] = next[k];
			}
			quality[size] = lead;
			qualification[size] = decision.qualification();
			rule[size] = decision.rule();
			factors[size] = top;
			size++;
		}

		void write(Connection connection, Integer model, int config, Timestamp at) throws java.sql.SQLException {
			if (size == 0) {
				return;
			}
			try (PreparedStatement update = connection.prepareStatement("""
					update lead_score s set behavioral = u.b, demographic = u.d, engagement = u.e, predictive = u.p,
					    composite = u.c, lead_quality = u.q, qualification = u.qn, qualified_by = u.r,
					    factors = u.f::jsonb, model_version = ?, config_version = ?, scored_at = ?
					from unnest(?::uuid[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[], ?::text[],
					            ?::text[], ?::text[], ?::text[]) as u(id, b, d, e, p, c, q, qn, r, f)
					where s.customer_id = u.id
					""")) {
				if (model == null) {
					update.setNull(1, java.sql.Types.INTEGER);
				}
				else {
					update.setInt(1, model);
				}
				update.setInt(2, config);
				update.setTimestamp(3, at);
				update.setArray(4, array(connection, "uuid", customers));
				for (int k = 0; k < values.length; k++) {
					update.setArray(5 + k, array(connection, "numeric", values[k]));
				}
				update.setArray(10, array(connection, "text", quality));
				update.setArray(11, array(connection, "text", qualification));
				update.setArray(12, array(connection, "text", rule));
				update.setArray(13, array(connection, "text", factors));
				update.executeUpdate();
			}
		}

		private Array array(Connection connection, String type, Object[] values) throws java.sql.SQLException {
			return connection.createArrayOf(type, java.util.Arrays.copyOf(values, size));
		}
	}

	static Map<String, Object> summary(long customers, Map<String, Long> qualifications) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("customers", customers);
		result.put("qualification", qualifications);
		return result;
	}
}
