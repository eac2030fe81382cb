package io.atrium.segment;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.atrium.platform.JobId;
import io.atrium.shared.Page;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The segment API. Reads are open to every role; preview to ADMIN, MARKETER and ANALYST; writes to ADMIN and
 * MARKETER (central URL rules).
 */
@RestController
@RequestMapping(path = "/api/segments", produces = MediaType.APPLICATION_JSON_VALUE)
class SegmentApiController {

	private final SegmentManagement management;

	private final SegmentBackfill backfill;

	private final SegmentTexts texts;

	SegmentApiController(SegmentManagement management, SegmentBackfill backfill, SegmentTexts texts) {
		this.management = management;
		this.backfill = backfill;
		this.texts = texts;
	}

	@GetMapping
	Page<SegmentResponse> list(@RequestParam(name = "include_archived", defaultValue = "false") boolean includeArchived,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		return management.list(includeArchived, cursor, limit)
			.map(row -> SegmentResponse.of(row, management.size(row.id()), null, null));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<SegmentResponse> create(@RequestBody SegmentRequest request, Principal principal) {
		SegmentRow row = management.create(request.name(), request.description(), request.type(), request.rule(),
				actor(principal));
		JobId job = row.dynamic() ? management.startRecompute(row.id(), actor(principal)) : null;
		return ResponseEntity.status(HttpStatus.CREATED)
			.header("Location", "/api/segments/" + row.id())
			.body(SegmentResponse.of(row, 0, null, job == null ? null : job.value()));
	}

	@GetMapping("/{id}")
	SegmentResponse get(@PathVariable String id) {
		UUID segment = id(id);
		return SegmentResponse.of(management.get(segment), management.size(segment), management.history(segment), null);
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	SegmentResponse edit(@PathVariable String id, @RequestBody SegmentRequest request, Principal principal) {
		UUID segment = id(id);
		SegmentRow row = management.edit(segment, request.name(), request.description(), request.type(),
				request.rule(), actor(principal));
		JobId job = row.dynamic() ? management.startRecompute(segment, actor(principal)) : null;
		return SegmentResponse.of(row, management.size(segment), null, job == null ? null : job.value());
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> archive(@PathVariable String id) {
		management.archive(id(id));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/members")
	Page<MemberResponse> members(@PathVariable String id, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		return management.members(id(id), cursor, limit).map(MemberResponse::new);
	}

	@PostMapping(path = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
	SegmentManagement.Preview preview(@RequestBody PreviewRequest request) {
		return management.preview(request.rule());
	}

	@PostMapping(path = "/{id}/members", consumes = MediaType.APPLICATION_JSON_VALUE)
	SegmentManagement.Added add(@PathVariable String id, @RequestBody MembersRequest request) {
		return management.add(id(id), request.customerIds(), "customer_ids");
	}

	@DeleteMapping("/{id}/members/{customer_id}")
	ResponseEntity<Void> remove(@PathVariable String id, @PathVariable("customer_id") String customerId) {
		management.remove(id(id), customerId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/{id}/members/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	SegmentManagement.Added upload(@PathVariable String id, @RequestPart("file") MultipartFile file) throws IOException {
		try (InputStream in = file.getInputStream()) {
			return management.add(id(id), externalIds(in), "rows");
		}
	}

	@PostMapping(path = "/{id}/members/upload", consumes = "text/csv")
	SegmentManagement.Added uploadText(@PathVariable String id, @RequestBody byte[] body) throws IOException {
		return management.add(id(id), externalIds(new java.io.ByteArrayInputStream(body)), "rows");
	}

	@PostMapping(path = "/backfill", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> backfill(@RequestBody BackfillRequest request, Principal principal) {
		if (!Boolean.TRUE.equals(request.confirm())) {
			throw texts.invalid("confirm", "segment.backfill-confirm");
		}
		JobId job = backfill.start(actor(principal));
		return ResponseEntity.accepted().body(Map.of("job_id", job.value()));
	}

	/**
	 * Body of {@code POST /api/segments/backfill}: the rebuild rereads all history, so it must be asked for.
	 * @param confirm must be {@code true}
	 */
	record BackfillRequest(Boolean confirm) {
	}

	/** A member of a segment. */
	record MemberResponse(String customerId) {
	}

	/**
	 * Reads external ids from a CSV file: the {@code customer_id} column when the first row names it, otherwise the
	 * first column of every non-blank row.
	 */
	List<String> externalIds(InputStream in) {
		List<String> ids = new ArrayList<>();
		try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
			int column = 0;
			boolean first = true;
			for (CSVRecord record : CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get().parse(reader)) {
				if (first) {
					first = false;
					int named = header(record);
					if (named >= 0) {
						column = named;
						continue;
					}
				}
				if (record.size() > column && !record.get(column).isBlank()) {
					ids.add(record.get(column).replace("\uFEFF", ""));
				}
				if (ids.size() > SegmentManagement.MAX_MEMBERS_PER_REQUEST) {
					break;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			throw texts.invalid("file", "segment.csv");
		}
		return ids;
	}

	private static int header(CSVRecord record) {
		for (int i = 0; i < record.size(); i++) {
			if ("customer_id".equals(record.get(i).replace("\uFEFF", "").toLowerCase(Locale.ROOT))) {
				return i;
			}
		}
		return -1;
	}

	private UUID id(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new SegmentNotFound(texts.get("segment.not-found"));
		}
	}

	private static String actor(Principal principal) {
		return principal == null ? "system" : principal.getName();
	}
}
