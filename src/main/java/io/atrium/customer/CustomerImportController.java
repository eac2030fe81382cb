package io.atrium.customer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;

import io.atrium.shared.InvalidInput;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/customers/import} (ADMIN, MARKETER): a CSV file as {@code multipart/form-data} (part
 * {@code file}) or {@code text/csv}; {@code mapping} is a JSON object from CSV header to field, {@code dry_run=true}
 * validates without writing. Small files answer with the report; large ones with {@code 202} and a job.
 */
@RestController
class CustomerImportController {

	private final ImportingCustomers importing;

	private final JsonMapper json;

	CustomerImportController(ImportingCustomers importing, JsonMapper json) {
		this.importing = importing;
		this.json = json;
	}

	@PostMapping(path = "/api/customers/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ImportingCustomers.Report> upload(@RequestPart("file") MultipartFile file,
			@RequestParam(required = false) String mapping,
			@RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun, Principal principal)
			throws IOException {
		return answer(importing.importCsv(new String(file.getBytes(), StandardCharsets.UTF_8), mapping(mapping), dryRun,
				actor(principal)));
	}

	@PostMapping(path = "/api/customers/import", consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ImportingCustomers.Report> text(@RequestBody String csv, @RequestParam(required = false) String mapping,
			@RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun, Principal principal) {
		return answer(importing.importCsv(csv, mapping(mapping), dryRun, actor(principal)));
	}

	private static ResponseEntity<ImportingCustomers.Report> answer(ImportingCustomers.Report report) {
		return ResponseEntity.status(report.jobId() != null ? HttpStatus.ACCEPTED : HttpStatus.OK).body(report);
	}

	private Map<String, String> mapping(String mapping) {
		if (mapping == null || mapping.isBlank()) {
			return Map.of();
		}
		try {
			return json.readValue(mapping, new TypeReference<Map<String, String>>() {
			});
		}
		catch (RuntimeException ex) {
			throw InvalidInput.of("mapping", "must be a JSON object from CSV header to field name");
		}
	}

	private static String actor(Principal principal) {
		return principal == null ? "system" : principal.getName();
	}
}
