package io.atrium.scoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Scoring's settings and its retraining schedule: a cluster-safe recurring task that, every
 * {@code atrium.scoring.retrain-check-hours}, trains a new model with the configured algorithm when the newest
 * one (the first is trained on request) is older than the configured {@code model.retrain_days} (0 turns retraining off); the new model replaces
 * the active one only when its holdout AUC is at least as good.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScoringSettings.class)
class ScoringConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ScoringConfiguration.class);

	@Bean
	RecurringTask<Void> scoringRetrainingTask(ScoringSettings settings, ScoringConfigs configs, Models models,
			ScoringJobs jobs, Clock clock) {
		return Tasks
			.recurring("scoring-model-retraining", FixedDelay.of(Duration.ofHours(settings.retrainCheckHours())))
			.execute((instance, context) -> {
				int days = configs.current().config().model().retrainDays();
				if (days <= 0) {
					return;
				}
				Instant last = models.lastTrainedAt().orElse(null);
				if (last == null || last.isAfter(clock.instant().minus(Duration.ofDays(days)))) {
					return;
				}
				try {
					jobs.train(new ModelTraining.Request(null, "if_better"), "system");
				}
				catch (RuntimeException ex) {
					log.warn("Scheduled retraining did not start: {}", ex.getMessage());
				}
			});
	}
}
