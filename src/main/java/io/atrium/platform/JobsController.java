package io.atrium.platform;

import java.util.UUID;

import io.atrium.shared.Page;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read access to jobs: {@code GET /api/jobs} (newest first, paginated) and {@code GET /api/jobs/{id}}, for any
 * signed-in role.
 */
@RestController
@RequestMapping("/api/jobs")
class JobsController {

	private final Jobs jobs;

	JobsController(Jobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping
	Page<JobView> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		return jobs.list(cursor, limit);
	}

	@GetMapping("/{id}")
	JobView one(@PathVariable UUID id) {
		return jobs.find(id).orElseThrow(() -> new JobNotFound(id));
	}
}
