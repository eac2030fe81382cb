package io.atrium.customer;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atrium.platform.JobId;
import io.atrium.platform.Jobs;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.Problem;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV import of customers: columns are mapped to profile fields ({@code email}, {@code first_name}, …, or
 * {@code traits.<key>}), each row is validated like {@code POST /api/customers} and runs in its own transaction.
 * A row whose external id exists updates that profile with the row's non-empty fields (merge patch), so importing
 * the same file again changes nothing. A dry run does all of it and rolls every row back, reporting errors per
 * row. Files above {@link #SYNCHRONOUS_ROWS} rows run as a job.
 */
@Service
class ImportingCustomers {

	static final int SYNCHRONOUS_ROWS = 1_000;

	static final int MAX_ROWS = 1_000_000;

	static final Set<String> FIELDS = Set.of("external_id", "first_name", "last_name", "email", "phone", "member_card",
			"device_id", "gender", "birth_date", "city", "member_tier", "member_since", "locale");

	private final CustomerManagement management;

	private final Customers customers;

	private final TransactionTemplate transactions;

	private final Jobs jobs;

	ImportingCustomers(CustomerManagement management, Customers customers, TransactionTemplate transactions,
			Jobs jobs) {
		this.management = management;
		this.customers = customers;
		this.transactions = transactions;
		this.jobs = jobs;
	}

	/** One refused row: its 1-based data row number, the field and why. */
	record RowError(int row, String field, String message) {
	}

	/**
	 * What an import did (or, in a dry run, would do).
	 * @param jobId the job of a large file (its id, as {@code job_id} on the wire), or {@code null}
	 */
	record Report(boolean dryRun, int rows, int created, int updated, int failed, List<RowError> errors,
			java.util.UUID jobId) {
	}

	/**
	 * @param csv the file's text, first row = headers
	 * @param mapping CSV header → field (absent headers map to themselves when they name a field)
	 */
	Report importCsv(String csv, Map<String, String> mapping, boolean dryRun, String actor) {
		List<Map<String, String>> rows = parse(csv, mapping == null ? Map.of() : mapping);
		if (rows.size() > SYNCHRONOUS_ROWS) {
			JobId job = jobs.start("customer-import", Map.of("rows", rows.size(), "dry_run", dryRun), actor, progress -> {
				progress.total(rows.size());
				Report report = run(rows, dryRun, actor, progress::advance);
				return Map.of("created", report.created(), "updated", report.updated(), "failed", report.failed(),
						"errors", report.errors().subList(0, Math.min(100, report.errors().size())));
			});
			return new Report(dryRun, rows.size(), 0, 0, 0, List.of(), job.value());
		}
		return run(rows, dryRun, actor, units -> {
		});
	}

	private Report run(List<Map<String, String>> rows, boolean dryRun, String actor,
			java.util.function.LongConsumer progress) {
		int created = 0;
		int updated = 0;
		int failed = 0;
		List<RowError> errors = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			Map<String, String> row = rows.get(i);
			int number = i + 1;
			try {
				Boolean wasNew = transactions.execute(status -> {
					if (dryRun) {
						status.setRollbackOnly();
					}
					return save(row, actor);
				});
				if (Boolean.TRUE.equals(wasNew)) {
					created++;
				}
				else {
					updated++;
				}
			}
			catch (Problem problem) {
				failed++;
				if (problem.errors().isEmpty()) {
					errors.add(new RowError(number, problem.slug(), problem.getMessage()));
				}
				problem.errors().forEach(error -> errors.add(new RowError(number, error.field(), error.message())));
			}
			progress.accept(1);
		}
		return new Report(dryRun, rows.size(), created, updated, failed, errors, null);
	}

	/** @return whether the row created a profile */
	private boolean save(Map<String, String> row, String actor) {
		String externalId = row.get("external_id");
		Map<String, Object> traits = new LinkedHashMap<>();
		Map<String, Object> patch = new LinkedHashMap<>();
		row.forEach((field, value) -> {
			if (value == null || value.isBlank() || "external_id".equals(field)) {
				return;
			}
			if (field.startsWith("traits.")) {
				traits.put(field.substring("traits.".length()), value);
			}
			else {
				patch.put(field, value);
			}
		});
		if (externalId != null && !externalId.isBlank() && customers.findByExternalId(externalId).isPresent()) {
			if (!traits.isEmpty()) {
				patch.put("traits", traits);
			}
			management.patch(externalId, patch, null);
			return false;
		}
		management.create(new CreateCustomerRequest(externalId, text(patch, "first_name"), text(patch, "last_name"),
				text(patch, "email"), text(patch, "phone"), text(patch, "member_card"), text(patch, "device_id"),
				text(patch, "gender"), text(patch, "birth_date"), text(patch, "city"), text(patch, "member_tier"),
				text(patch, "member_since"), text(patch, "locale"), traits.isEmpty() ? null : traits, null), actor);
		return true;
	}

	private static String text(Map<String, Object> values, String field) {
		Object value = values.get(field);
		return value == null ? null : value.toString();
	}

	private static List<Map<String, String>> parse(String csv, Map<String, String> mapping) {
		mapping.forEach((header, field) -> {
			if (field == null || !(FIELDS.contains(field) || field.matches("traits\\.[A-Za-z0-9_.\\-]{1,64}"))) {
				throw InvalidInput.of("mapping." + header, "must name a customer field or traits.<key>");
			}
		});
		List<Map<String, String>> rows = new ArrayList<>();
		try (Reader reader = new StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv);
				CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
					.setIgnoreEmptyLines(true).get().parse(reader)) {
			List<String> headers = parser.getHeaderNames();
			Map<String, String> fieldOf = new LinkedHashMap<>();
			for (String header : headers) {
				String field = mapping.getOrDefault(header, FIELDS.contains(header) || header.startsWith("traits.") ? header : null);
				if (field != null) {
					fieldOf.put(header, field);
				}
			}
			if (!fieldOf.containsValue("external_id")) {
				throw InvalidInput.of("mapping", "no column maps to external_id");
			}
			for (CSVRecord record : parser) {
				if (rows.size() >= MAX_ROWS) {
					throw InvalidInput.of("file", "has more than " + MAX_ROWS + " rows");
				}
				Map<String, String> row = new LinkedHashMap<>();
				fieldOf.forEach((header, field) -> row.put(field, record.isMapped(header) && record.isSet(header) ? record.get(header) : null));
				rows.add(row);
			}
		}
		catch (IOException | IllegalArgumentException | IllegalStateException ex) {
			if (ex instanceof Problem problem) {
				throw problem;
			}
			throw InvalidInput.of("file", "is not a readable CSV file with a header row");
		}
		return rows;
	}
}
