package io.atrium.platform;

/**
 * What a running job reports about itself. Calls are cheap and may come from any thread: values are kept in
 * memory and written to the job's row at most about every 500 ms (a new message or phase at once), and once
 * more when the job ends.
 */
public interface JobProgress {

	/**
	 * @param total how many units the job (or its current phase) has in all; unknown until called
	 */
	void total(long total);

	/**
	 * @param units units finished since the last call, added to {@link #done(long) done}
	 */
	void advance(long units);

	/**
	 * @param done units finished so far, replacing the current count
	 */
	void done(long done);

	/**
	 * @param message what the job is doing, for people (already localised), e.g. "Loading customers";
	 * never PII. A changed message is written at once, after the state under the previous message.
	 */
	void message(String message);

	/**
	 * Starts a new phase of the job: the previous phase's final count is written, then counting restarts
	 * from zero towards {@code total} under the new message.
	 * @param message what the job does in this phase, as for {@link #message(String)}
	 * @param total units in this phase
	 */
	void phase(String message, long total);
}
