package io.atrium.demo;

import java.net.URI;
import java.security.Principal;

import io.atrium.platform.JobId;
import io.atrium.platform.JobView;
import io.atrium.platform.Jobs;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/jobs/demo-load} (ADMIN): starts loading a demo mall and answers {@code 202} with the job;
 * {@code 409} when a demo load is already running or the demo customers exist already.
 */
@RestController
class DemoLoadController {

	private final LoadingDemoMall loading;

	private final Jobs jobs;

	private final DemoSettings settings;

	DemoLoadController(LoadingDemoMall loading, Jobs jobs, DemoSettings settings) {
		this.loading = loading;
		this.jobs = jobs;
		this.settings = settings;
	}

	@PostMapping("/api/jobs/demo-load")
	ResponseEntity<JobView> start(@Valid @RequestBody DemoLoadRequest request, Principal principal) {
		long seed = request.seed() == null ? settings.seed() : request.seed();
		JobId id = loading.start(request.customers(), seed, principal.getName(), view -> {
		});
		return ResponseEntity.accepted()
			.location(URI.create("/api/jobs/" + id))
			.body(jobs.find(id.value()).orElseThrow());
	}

	/**
	 * @param customers how many customers the demo mall has, 1,000 to 1,000,000
	 * @param seed the generator's seed, or {@code null} for {@code atrium.demo.seed}
	 */
	record DemoLoadRequest(@NotNull @Min(1_000) @Max(1_000_000) Integer customers, Long seed) {
	}
}
