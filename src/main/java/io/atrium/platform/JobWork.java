package io.atrium.platform;

import java.util.Map;

/**
 * The work of a job.
 */
@FunctionalInterface
public interface JobWork {

	/**
	 * Does the work, reporting progress as it goes.
	 * @param progress never {@code null}
	 * @return a small result kept with the job (figures, counts), or {@code null}
	 * @throws Exception when the work fails; the job is then marked failed with a safe message (the message
	 * of an {@link io.atrium.shared.Problem}, otherwise a generic one) and the exception is logged
	 */
	Map<String, Object> run(JobProgress progress) throws Exception;
}
