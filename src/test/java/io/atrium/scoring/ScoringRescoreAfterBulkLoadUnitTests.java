package io.atrium.scoring;

import java.util.UUID;

import io.atrium.platform.JobId;
import io.atrium.tracking.TouchpointsBulkLoaded;
import org.junit.jupiter.api.Test;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ScoringRescoreAfterBulkLoadUnitTests {

	@Test
	void startsARebuildWhenTouchpointsWereBulkLoaded() {
		ScoringJobs jobs = mock(ScoringJobs.class);
		when(jobs.rebuild("system")).thenReturn(new JobId(UUID.randomUUID()));

		new RescoreAfterBulkLoad(jobs, true).on(new TouchpointsBulkLoaded(10));

		verify(jobs).rebuild("system");
	}

	@Test
	void staysIdleWhenSwitchedOff() {
		ScoringJobs jobs = mock(ScoringJobs.class);

		new RescoreAfterBulkLoad(jobs, false).on(new TouchpointsBulkLoaded(10));

		verify(jobs, never()).rebuild("system");
	}
}
