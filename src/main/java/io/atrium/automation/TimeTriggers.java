package io.atrium.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.atrium.segment.SegmentMembership;
import io.atrium.shared.CustomerId;
import io.atrium.shared.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.support.CronExpression;

/**
 * The {@code time} trigger and entries over a segment. A {@code time} workflow names a segment and either a one-off
 * {@code at} (ISO date-time) or a {@code cron} schedule (six fields, Spring's {@link CronExpression}, in the mall's
 * zone). Starting the workflow (or editing it while active) schedules its next occurrence as a db-scheduler task
 * (task {@code automation-time-trigger}, data {@code workflow/version/occurrence}, so an occurrence is scheduled at
 * most once and survives restarts); when it fires, every current member of the segment is offered entry under the
 * entry rules, and a cron schedule books its following occurrence. An occurrence of a version that is no longer
 * current, or of a workflow that is no longer active, does nothing.
 */
@Configuration(proxyBeanMethods = false)
class TimeTriggers {

	private static final Logger log = LoggerFactory.getLogger(TimeTriggers.class);

	private final ObjectProvider<SchedulerClient> scheduler;

	private final Workflows workflows;

	private final ObjectProvider<RunEntry> entry;

	private final SegmentMembership memberships;

	private final Clock clock;

	private final String taskName;

	TimeTriggers(ObjectProvider<SchedulerClient> scheduler, Workflows workflows, ObjectProvider<RunEntry> entry,
			SegmentMembership memberships, Clock clock,
			@Value("${atrium.automation.time-task:automation-time-trigger}") String taskName) {
		this.scheduler = scheduler;
		this.workflows = workflows;
		this.entry = entry;
		this.memberships = memberships;
		this.clock = clock;
		this.taskName = taskName;
	}

	@Bean
	OneTimeTask<String> automationTimeTriggerTask(ObjectProvider<TimeTriggers> self) {
		return Tasks.oneTime(taskName, String.class)
			.execute((instance, context) -> self.getObject().fire(instance.getData()));
	}

	/** What entering a segment's members did. */
	record Entries(int entered, int skipped) {
	}

	/**
	 * Schedules the next occurrence of an active {@code time} workflow; does nothing for other workflows.
	 * @param workflow the workflow's current version
	 */
	void scheduleNext(Workflows.Row workflow) {
		JsonNode trigger = workflow.definition().path("trigger");
		if (workflow.status() != WorkflowStatus.ACTIVE || !"time".equals(trigger.path("trigger_type").asString(""))) {
			return;
		}
		Instant now = clock.instant();
		Instant next = next(trigger.path("config"), now);
		if (next != null) {
			schedule(workflow.id(), workflow.version(), next);
		}
	}

	/** @return the first occurrence at or after {@code now} (a one-off date in the past fires now), or null */
	Instant next(JsonNode config, Instant now) {
		if (config.has("at")) {
			Instant at = OffsetDateTime.parse(config.get("at").asString()).toInstant();
			return at.isBefore(now) ? now : at;
		}
		ZonedDateTime after = now.minusMillis(1).atZone(clock.getZone());
		ZonedDateTime next = CronExpression.parse(config.get("cron").asString()).next(after);
		return next == null ? null : next.toInstant();
	}

	private void schedule(UUID workflow, int version, Instant occurrence) {
		Duration delay = Duration.between(clock.instant(), occurrence);
		Instant at = Instant.now().plus(delay.isNegative() ? Duration.ZERO : delay);
		String data = workflow + "/" + version + "/" + occurrence.toEpochMilli();
		scheduler.getObject().scheduleIfNotExists(new TaskInstance<>(taskName, data, data), at);
	}

	void fire(String data) {
		String[] parts = data.split("/");
		UUID id = UUID.fromString(parts[0]);
		int version = Integer.parseInt(parts[1]);
		Instant occurrence = Instant.ofEpochMilli(Long.parseLong(parts[2]));
		Workflows.Row workflow = workflows.find(id, false).orElse(null);
		if (workflow == null || workflow.status() != WorkflowStatus.ACTIVE || workflow.version() != version) {
			return;
		}
		if (clock.instant().isBefore(occurrence)) {
			// db-scheduler fired by system time before the application clock reached the occurrence
			schedule(id, version, occurrence);
			return;
		}
		JsonNode config = workflow.definition().path("trigger").path("config");
		Entries entries = enterMembers(workflow, UUID.fromString(config.get("segment_id").asString()));
		log.info("Time trigger of workflow {} at {}: {} entered, {} skipped", id, occurrence, entries.entered(),
				entries.skipped());
		if (config.has("cron")) {
			ZonedDateTime next = CronExpression.parse(config.get("cron").asString())
				.next(occurrence.atZone(clock.getZone()));
			if (next != null) {
				schedule(id, version, next.toInstant());
			}
		}
	}

	/**
	 * Offers entry to every current member of a segment, page by page, each under the entry rules.
	 * @param workflow an active workflow
	 * @param segmentId the segment
	 * @return how many entered and how many were skipped by the entry rules
	 */
	Entries enterMembers(Workflows.Row workflow, UUID segmentId) {
		int entered = 0;
		int skipped = 0;
		String cursor = null;
		do {
			Page<CustomerId> page = memberships.members(segmentId, cursor, 500);
			for (CustomerId customer : page.items()) {
				RunEntry.Entered result;
				try {
					result = entry.getObject().enter(workflow, customer.value());
				}
				catch (WorkflowNotActive ex) {
					return new Entries(entered, skipped);
				}
				if (result.runId() != null) {
					entered++;
				}
				else {
					skipped++;
				}
			}
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return new Entries(entered, skipped);
	}
}
