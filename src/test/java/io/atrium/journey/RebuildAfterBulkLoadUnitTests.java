package io.atrium.journey;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.UUID;

import io.atrium.platform.JobId;
import io.atrium.tracking.TouchpointsBulkLoaded;
import org.junit.jupiter.api.Test;

class RebuildAfterBulkLoadUnitTests {

	@Test
	void startsARebuildWhenTouchpointsWereBulkLoaded() {
		JourneyRebuilding rebuilding = mock(JourneyRebuilding.class);
		when(rebuilding.rebuild("system")).thenReturn(new JobId(UUID.randomUUID()));

		new RebuildAfterBulkLoad(rebuilding, true).on(new TouchpointsBulkLoaded(10));

		verify(rebuilding).rebuild("system");
	}

	@Test
	void staysIdleWhenSwitchedOff() {
		JourneyRebuilding rebuilding = mock(JourneyRebuilding.class);

		new RebuildAfterBulkLoad(rebuilding, false).on(new TouchpointsBulkLoaded(10));

		verify(rebuilding, never()).rebuild("system");
	}
}
