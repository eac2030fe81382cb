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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import io.atrium.shared.Actor;
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
 * Rows are read from the caller's iterator on the calling thread, encrypted and encoded in PostgreSQL's binary
 * {@code COPY} format in chunks of {@value #CHUNK} by a few worker threads, and copied on one connection in one
 * transaction: either every profile is loaded or, on any failure, none is. The load takes its own connection
 * from the {@link DataSource} and does not join a surrounding transaction. Into an empty database it drops and
 * afterwards rebuilds the three tables' indexes and constraints (as {@code pg_restore} does), which locks the
 * tables for the duration of the load; with superuser rights it skips per-row foreign-key triggers.
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

	private static final String SOURCE = "import";

	private static final String TABLES = "'customer'::regclass, 'customer_identity'::regclass, 'consent_event'::regclass";

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
		long waiting = 0;
		long rebuilding = 0;
		try (Connection connection = dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				List<String> deferredIndexes = prepare(connection);
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
						long before = System.nanoTime();
						Encoded encoded = await(inFlight.poll());
						waiting += System.nanoTime() - before;
						loaded += write(copy, encoded);
						progress.accept(loaded);
					}
				}
				while (!inFlight.isEmpty()) {
					long before = System.nanoTime();
					Encoded encoded = await(inFlight.poll());
					waiting += System.nanoTime() - before;
					loaded += write(copy, encoded);
					progress.accept(loaded);
				}
				long before = System.nanoTime();
				execute(connection, deferredIndexes);
				rebuilding = System.nanoTime() - before;
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
		log.info("Bulk-loaded {} customers in {} ms (waiting for encryption {} ms, rebuilding indexes {} ms)", loaded,
				(System.nanoTime() - started) / 1_000_000, waiting / 1_000_000, rebuilding / 1_000_000);
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
				    member_since, locale, traits, created_at, updated_at, version) from stdin (format binary)
				""", new ByteArrayInputStream(chunk.customers()));
		copy.copyIn("""
				copy customer_identity (customer_id, kind, lookup, value_plain, value_cipher, source, created_at)
				from stdin (format binary)
				""", new ByteArrayInputStream(chunk.identities()));
		copy.copyIn("""
				copy consent_event (customer_id, channel, status, source, legal_basis, occurred_at, recorded_at, actor)
				from stdin (format binary)
				""", new ByteArrayInputStream(chunk.consents()));
		return chunk.count();
	}

	private Encoded encode(List<NewCustomer> chunk, long first, Instant now) {
		BinaryRows customers = new BinaryRows(chunk.size() * 200);
		BinaryRows identities = new BinaryRows(chunk.size() * 300);
		BinaryRows consents = new BinaryRows(chunk.size() * 100);
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
			UUID id = (customer.id() != null ? customer.id() : CustomerId.random()).value();
			Instant created = customer.createdAt() != null ? customer.createdAt() : now;
			Map<String, Object> traits = customer.traits() == null || customer.traits().isEmpty() ? Map.of()
					: Traits.merge(Map.of(), Traits.sanitize(customer.traits(), Map.of()));
			customers.row(15)
				.uuid(id)
				.text(customer.externalId())
				.text(CustomerRow.ACTIVE)
				.text(customer.firstName())
				.text(customer.lastName())
				.text(customer.gender())
				.date(customer.birthDate())
				.text(customer.city())
				.text(customer.memberTier())
				.date(customer.memberSince())
				.text(customer.locale())
				.jsonb(traits.isEmpty() ? "{}" : Customers.json(traits))
				.timestamp(created)
				.timestamp(created)
				.int8(0);
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
					consents.row(8)
						.uuid(id)
						.text(consent.getKey())
						.text(consent.getValue())
						.text(SOURCE)
						.text(CustomerManagement.DEFAULT_LEGAL_BASIS)
						.timestamp(created)
						.timestamp(now)
						.text(Actor.SYSTEM.name());
				}
			}
		}
		return new Encoded(customers.finish(), identities.finish(), consents.finish(), chunk.size());
	}

	private void identity(BinaryRows rows, UUID customer, IdentityKind kind, String value, Instant created) {
		String normalized = PiiProtection.normalize(kind.code(), value);
		rows.row(7).uuid(customer).text(kind.code()).bytes(pii.blindIndexOfNormalized(kind.code(), normalized));
		if (kind.personal()) {
			rows.text(null).bytes(pii.encrypt(kind.code(), normalized));
		}
		else {
			rows.text(normalized).bytes(null);
		}
		rows.text(SOURCE).timestamp(created);
	}

	/**
	 * Makes the load cheaper where that is safe. With superuser rights, the per-row foreign-key triggers are
	 * skipped (every identity and consent row refers to a profile copied just before it in this transaction).
	 * Into an empty {@code customer} table that the connection's user owns, the load works as
	 * {@code pg_restore} does: it drops the indexes and the primary-key, unique and foreign-key constraints of
	 * the three tables (and foreign keys pointing at them), and returns the statements that rebuild them after
	 * the copy. The rebuild checks every row, so a duplicate still fails the load; the tables are locked until
	 * the load commits.
	 * @return the statements to run after the copy
	 */
	private static List<String> prepare(Connection connection) throws SQLException {
		List<String> rebuild = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			statement.execute("set local maintenance_work_mem = '256MB'");
			if (query(statement, "select rolsuper from pg_roles where rolname = current_user").equals(List.of("t"))) {
				statement.execute("set local session_replication_role = replica");
			}
			String emptyAndOwned = """
					select not exists (select 1 from customer)
					   and bool_and(pg_has_role(current_user, c.relowner, 'MEMBER'))
					from pg_class c where c.oid in (%s)
					""".formatted(TABLES);
			if (!query(statement, emptyAndOwned).equals(List.of("t"))) {
				return rebuild;
			}
			List<String> drop = new ArrayList<>();
			List<String> foreignKeys = new ArrayList<>();
			try (var constraints = statement.executeQuery("""
					select conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid), contype
					from pg_constraint
					where contype in ('p', 'u', 'f') and (conrelid in (%1$s) or confrelid in (%1$s))
					order by contype = 'f' desc
					""".formatted(TABLES))) {
				while (constraints.next()) {
					String table = constraints.getString(1);
					String name = constraints.getString(2);
					drop.add("alter table " + table + " drop constraint " + name);
					String add = "alter table " + table + " add constraint " + name + " " + constraints.getString(3);
					if ("f".equals(constraints.getString(4))) {
						foreignKeys.add(add);
					}
					else {
						rebuild.add(add);
					}
				}
			}
			try (var indexes = statement.executeQuery("""
					select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i
					where i.indrelid in (%s)
					  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
					""".formatted(TABLES))) {
				while (indexes.next()) {
					drop.add("drop index " + indexes.getString(1));
					rebuild.add(indexes.getString(2));
				}
			}
			rebuild.addAll(foreignKeys);
			execute(connection, drop);
		}
		return rebuild;
	}

	private static List<String> query(Statement statement, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (var rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

	private static void execute(Connection connection, List<String> statements) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
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

	/**
	 * Rows in PostgreSQL's binary {@code COPY} format: a signature, then per row the field count and each
	 * field as length and bytes (length -1 for {@code null}), then a trailer. Nothing is parsed as text on
	 * the server, and no value needs escaping.
	 */
	static final class BinaryRows {

		private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 };

		private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

		private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;

		private byte[] buffer;

		private int size;

		BinaryRows(int capacity) {
			this.buffer = new byte[Math.max(64, capacity)];
			put(SIGNATURE);
			putInt(0);
			putInt(0);
		}

		BinaryRows row(int fields) {
			putShort(fields);
			return this;
		}

		BinaryRows uuid(UUID value) {
			putInt(16);
			putLong(value.getMostSignificantBits());
			putLong(value.getLeastSignificantBits());
			return this;
		}

		BinaryRows text(String value) {
			return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
		}

		BinaryRows bytes(byte[] value) {
			if (value == null) {
				putInt(-1);
			}
			else {
				putInt(value.length);
				put(value);
			}
			return this;
		}

		BinaryRows jsonb(String json) {
			byte[] text = json.getBytes(StandardCharsets.UTF_8);
			putInt(text.length + 1);
			ensure(1);
			buffer[size++] = 1;
			put(text);
			return this;
		}

		BinaryRows date(LocalDate value) {
			if (value == null) {
				putInt(-1);
			}
			else {
				putInt(4);
				putInt(Math.toIntExact(value.toEpochDay() - POSTGRES_EPOCH_DAY));
			}
			return this;
		}

		BinaryRows timestamp(Instant value) {
			putInt(8);
			putLong((value.getEpochSecond() - POSTGRES_EPOCH_SECOND) * 1_000_000L + value.getNano() / 1_000);
			return this;
		}

		BinaryRows int8(long value) {
			putInt(8);
			putLong(value);
			return this;
		}

		byte[] finish() {
			putShort(-1);
			return java.util.Arrays.copyOf(buffer, size);
		}

		private void putShort(int value) {
			ensure(2);
			buffer[size++] = (byte) (value >>> 8);
			buffer[size++] = (byte) value;
		}

		private void putInt(int value) {
			ensure(4);
			for (int shift = 24; shift >= 0; shift -= 8) {
				buffer[size++] = (byte) (value >>> shift);
			}
		}

		private void putLong(long value) {
			ensure(8);
			for (int shift = 56; shift >= 0; shift -= 8) {
				buffer[size++] = (byte) (value >>> shift);
			}
		}

		private void put(byte[] bytes) {
			ensure(bytes.length);
			System.arraycopy(bytes, 0, buffer, size, bytes.length);
			size += bytes.length;
		}

		private void ensure(int more) {
			if (size + more > buffer.length) {
				buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
			}
		}
	}
}
