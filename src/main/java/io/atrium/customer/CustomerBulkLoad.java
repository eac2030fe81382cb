package io.atrium.customer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import io.atrium.shared.CustomerId;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Loads many customer profiles at once (history imports, demo data) through PostgreSQL {@code COPY}:
 * profiles into {@code customer}, email and phone encrypted with blind indexes and member cards in plain text
 * into {@code customer_identity}, consents into the {@code consent_event} ledger.
 * <p>
 * Rows are read from the caller's iterator on the calling thread, encrypted and encoded in chunks of
 * {@value #CHUNK} by a few worker threads, and copied on one connection in one transaction: either every
 * profile is loaded or, on any failure, none is. The load takes its own connection from the
 * {@link DataSource} and does not join a surrounding transaction.
 * <p>
 * It publishes no events: it records history, and modules that derive state from customer events are
 * expected to rebuild from their own sources after a bulk load. External ids, emails, phones and member cards
 * must be unique (within the load and against existing profiles); a duplicate fails the whole load. Emails
 * and phones in an unusable format are skipped (their profile is still loaded).
 */
@Service
public class CustomerBulkLoad {

	static final int CHUNK = 10_000;

	private static final Logger log = LoggerFactory.getLogger(CustomerBulkLoad.class);

	private static final HexFormat HEX = HexFormat.of();

	private static final String SOURCE = "import";

	private final DataSource dataSource;

	private final PiiProtection pii;

	private final Clock clock;

	private final int workers;

	CustomerBulkLoad(DataSource dataSource, PiiProtection pii, Clock clock) {
		this.dataSource = dataSource;
		this.pii = pii;
		this.clock = clock;
		this.workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
	}

	/**
	 * Loads every customer the iterator yields, in one transaction.
	 * @param customers the profiles; consumed on the calling thread; {@code externalId} required and unique
	 * @param progress told the number of profiles copied so far after every chunk of about 10,000, and once at
	 * the end; runs on the calling thread
	 * @throws IllegalArgumentException when a profile breaks a rule (nothing is written)
	 * @throws IllegalStateException when the database refuses the load (nothing is written); the message
	 * names the constraint, never a value
	 */
	public void load(Iterator<NewCustomer> customers, LongConsumer progress) {
		Objects.requireNonNull(customers, "customers");
		Objects.requireNonNull(progress, "progress");
		Instant now = clock.instant();
		AtomicInteger threads = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
			Thread thread = new Thread(task, "customer-bulk-load-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		long started = System.nanoTime();
		long loaded = 0;
		try (Connection connection = dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				Deque<Future<Encoded>> inFlight = new ArrayDeque<>();
				long position = 0;
				while (customers.hasNext()) {
					List<NewCustomer> chunk = new ArrayList<>(CHUNK);
					while (chunk.size() < CHUNK && customers.hasNext()) {
						chunk.add(customers.next());
					}
					long first = position;
					position += chunk.size();
					inFlight.add(pool.submit(() -> encode(chunk, first, now)));
					if (inFlight.size() > workers) {
						loaded += write(copy, await(inFlight.poll()));
						progress.accept(loaded);
					}
				}
				while (!inFlight.isEmpty()) {
					loaded += write(copy, await(inFlight.poll()));
					progress.accept(loaded);
				}
				connection.commit();
			}
			catch (RuntimeException | SQLException | IOException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
			analyze(connection);
		}
		catch (SQLException ex) {
			throw refused(ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Bulk load failed while copying; nothing was written");
		}
		finally {
			pool.shutdownNow();
		}
		log.info("Bulk-loaded {} customers in {} ms", loaded, (System.nanoTime() - started) / 1_000_000);
	}

	private static Encoded await(Future<Encoded> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Bulk load interrupted; nothing was written");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new IllegalStateException("Bulk load failed; nothing was written", ex.getCause());
		}
	}

	private static long write(CopyManager copy, Encoded chunk) throws SQLException, IOException {
		copy.copyIn("""
				copy customer (id, external_id, status, first_name, last_name, gender, birth_date, city, member_tier,
				    member_since, locale, traits, created_at, updated_at, version) from stdin (format csv)
				""", new ByteArrayInputStream(chunk.customers()));
		copy.copyIn("""
				copy customer_identity (customer_id, kind, lookup, value_plain, value_cipher, source, created_at)
				from stdin (format csv)
				""", new ByteArrayInputStream(chunk.identities()));
		copy.copyIn("""
				copy consent_event (customer_id, channel, status, source, legal_basis, occurred_at, recorded_at, actor)
				from stdin (format csv)
				""", new ByteArrayInputStream(chunk.consents()));
		return chunk.count();
	}

	private Encoded encode(List<NewCustomer> chunk, long first, Instant now) {
		Csv customers = new Csv(chunk.size() * 200);
		Csv identities = new Csv(chunk.size() * 400);
		Csv consents = new Csv(chunk.size() * 120);
		long position = first;
		for (NewCustomer customer : chunk) {
			position++;
			if (customer == null || customer.externalId() == null
					|| !ProfileRules.EXTERNAL_ID.matcher(customer.externalId()).matches()) {
				throw new IllegalArgumentException("Customer #" + position + " has no valid external id");
			}
			if (customer.gender() != null && !ProfileRules.GENDERS.contains(customer.gender())) {
				throw new IllegalArgumentException("Customer #" + position + " has an unknown gender");
			}
			String id = (customer.id() != null ? customer.id() : CustomerId.random()).toString();
			String created = (customer.createdAt() != null ? customer.createdAt() : now).toString();
			Map<String, Object> traits = customer.traits() == null ? Map.of()
					: Traits.merge(Map.of(), Traits.sanitize(customer.traits(), Map.of()));
			customers.raw(id)
				.text(customer.externalId())
				.raw("active")
				.text(customer.firstName())
				.text(customer.lastName())
				.text(customer.gender())
				.date(customer.birthDate())
				.text(customer.city())
				.text(customer.memberTier())
				.date(customer.memberSince())
				.text(customer.locale())
				.text(Customers.json(traits))
				.raw(created)
				.raw(created)
				.last("0");
			if (customer.email() != null && ProfileRules.isEmail(customer.email())) {
				identity(identities, id, IdentityKind.EMAIL, customer.email(), created);
			}
			if (customer.phone() != null && ProfileRules.isPhone(customer.phone())) {
				identity(identities, id, IdentityKind.PHONE, customer.phone(), created);
			}
			if (customer.memberCard() != null && !customer.memberCard().isBlank()) {
				identity(identities, id, IdentityKind.MEMBER_CARD, customer.memberCard(), created);
			}
			if (customer.consents() != null) {
				for (Map.Entry<String, String> consent : customer.consents().entrySet()) {
					if (!ProfileRules.CHANNELS.contains(consent.getKey())
							|| !ProfileRules.CONSENT_STATUSES.contains(consent.getValue())) {
						throw new IllegalArgumentException("Customer #" + position + " has an invalid consent");
					}
					consents.raw(id)
						.raw(consent.getKey())
						.raw(consent.getValue())
						.raw(SOURCE)
						.raw("consent")
						.raw(created)
						.raw(now.toString())
						.last("system");
				}
			}
		}
		return new Encoded(customers.bytes(), identities.bytes(), consents.bytes(), chunk.size());
	}

	private void identity(Csv rows, String customer, IdentityKind kind, String value, String created) {
		String normalized = PiiProtection.normalize(kind.code(), value);
		rows.raw(customer).raw(kind.code()).raw("\\x" + HEX.formatHex(pii.blindIndex(kind.code(), normalized)));
		if (kind.personal()) {
			rows.text(null).raw("\\x" + HEX.formatHex(pii.encrypt(kind.code(), normalized)));
		}
		else {
			rows.text(normalized).text(null);
		}
		rows.raw(SOURCE).last(created);
	}

	private static void analyze(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("analyze customer, customer_identity, consent_event");
		}
		catch (SQLException ex) {
			log.debug("Could not analyze after bulk load (sqlstate {})", ex.getSQLState());
		}
	}

	private static IllegalStateException refused(SQLException ex) {
		String detail = "sqlstate " + ex.getSQLState();
		if (ex instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
			ServerErrorMessage server = psql.getServerErrorMessage();
			detail += server.getConstraint() != null ? ", constraint " + server.getConstraint() : "";
			detail += server.getTable() != null ? ", table " + server.getTable() : "";
		}
		return new IllegalStateException("The database refused the bulk load (" + detail + "); nothing was written");
	}

	/**
	 * One profile to load. Only {@code externalId} is required; {@code id} and {@code createdAt} default to a
	 * new id and now.
	 *
	 * @param id the profile id to use, or {@code null} for a new one
	 * @param externalId the mall's customer id, 1–64 characters of {@code [A-Za-z0-9_.:-]}
	 * @param firstName or {@code null}
	 * @param lastName or {@code null}
	 * @param email or {@code null}; stored encrypted
	 * @param phone or {@code null}; stored encrypted
	 * @param memberCard or {@code null}
	 * @param gender {@code female}, {@code male}, {@code other}, {@code unknown} or {@code null}
	 * @param birthDate or {@code null}
	 * @param city or {@code null}
	 * @param memberTier or {@code null}
	 * @param memberSince or {@code null}
	 * @param locale e.g. {@code zh-CN}, or {@code null}
	 * @param traits custom traits (keys repaired, unusable values dropped), or {@code null}
	 * @param createdAt when the profile was created, or {@code null} for now
	 * @param consents channel ({@code email}, {@code sms}, {@code push}) to {@code granted} or
	 * {@code withdrawn}, recorded as occurring at {@code createdAt} with source {@code import} and legal
	 * basis {@code consent}; or {@code null}
	 */
	public record NewCustomer(CustomerId id, String externalId, String firstName, String lastName, String email,
			String phone, String memberCard, String gender, LocalDate birthDate, String city, String memberTier,
			LocalDate memberSince, String locale, Map<String, Object> traits, Instant createdAt,
			Map<String, String> consents) {

		@Override
		public String toString() {
			return "NewCustomer[id=" + id + ", externalId=" + externalId + "]";
		}
	}

	private record Encoded(byte[] customers, byte[] identities, byte[] consents, int count) {
	}

	/** PostgreSQL CSV: {@code null} is an empty unquoted field, text is always quoted with quotes doubled. */
	static final class Csv {

		private final StringBuilder out;

		Csv(int capacity) {
			this.out = new StringBuilder(capacity);
		}

		Csv raw(String value) {
			out.append(value).append(',');
			return this;
		}

		Csv text(String value) {
			if (value != null) {
				quote(value);
			}
			out.append(',');
			return this;
		}

		Csv date(LocalDate value) {
			return value == null ? text(null) : raw(value.toString());
		}

		void last(String value) {
			out.append(value).append('\n');
		}

		private void quote(String value) {
			out.append('"');
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '"') {
					out.append('"');
				}
				out.append(c);
			}
			out.append('"');
		}

		byte[] bytes() {
			return out.toString().getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return out.toString();
		}
	}
}
