package io.atrium.platform;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Draws a job's progress on a terminal line, for jobs run from the command line: a bar of 30 cells
 * ({@code #} done, {@code .} to do), the percentage, the counts and the job's message, e.g.
 * {@code 45% 450,000/1,000,000 customers}. The line is redrawn in place and ends when the job's message (its
 * phase) changes or the job finishes.
 */
public final class ConsoleProgress implements Consumer<JobView> {

	private static final int WIDTH = 30;

	private final PrintStream out;

	private String phase;

	private boolean open;

	/**
	 * @param out where to draw, usually {@code System.err}
	 */
	public ConsoleProgress(PrintStream out) {
		this.out = out;
	}

	/** @return a progress bar on standard error */
	public static ConsoleProgress onStandardError() {
		return new ConsoleProgress(System.err);
	}

	@Override
	public synchronized void accept(JobView job) {
		if (open && phase != null && !phase.equals(job.message())) {
			out.println();
		}
		phase = job.message();
		out.print("\r" + line(job));
		open = true;
		if (job.finished()) {
			out.println();
			open = false;
		}
		out.flush();
	}

	/**
	 * @param job a job
	 * @return its progress line, without line breaks
	 */
	public static String line(JobView job) {
		String label = job.message() == null ? "" : " " + job.message();
		if (job.total() == null || job.total() <= 0) {
			return String.format(Locale.ROOT, "[%s] %,d%s", ".".repeat(WIDTH), job.done(), label);
		}
		long done = Math.min(job.done(), job.total());
		int filled = (int) (WIDTH * done / job.total());
		int percent = (int) (100 * done / job.total());
		return String.format(Locale.ROOT, "[%s%s] %d%% %,d/%,d%s", "#".repeat(filled), ".".repeat(WIDTH - filled),
				percent, job.done(), job.total(), label);
	}
}
