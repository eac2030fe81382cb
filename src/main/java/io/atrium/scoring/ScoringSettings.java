package io.atrium.scoring;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of lead scoring.
 *
 * @param modelKeyFile file holding the secret that authenticates model files Atrium wrote (created with 32
 * random bytes, readable only by its owner, when missing); default {@code <atrium.data-directory>/scoring-model.key}
 * @param retrainCheckHours how often the retraining schedule looks whether the active model is older than the
 * configured {@code model.retrain_days}; 24 by default
 * @param forestTrees trees of a random forest; 30 by default
 * @param batchWorkers chunks of batch rescoring processed in parallel, each in its own transaction; 2 by default
 */
@ConfigurationProperties("atrium.scoring")
record ScoringSettings(Path modelKeyFile, Integer retrainCheckHours, Integer forestTrees, Integer batchWorkers) {

	ScoringSettings {
		batchWorkers = batchWorkers == null ? 2 : Math.max(1, batchWorkers);
		retrainCheckHours = retrainCheckHours == null ? 24 : retrainCheckHours;
		forestTrees = forestTrees == null ? 30 : forestTrees;
	}
}
