package io.atrium.platform;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A running job's progress: counted in memory, written to the job's row (and shown to an observer) at most
 * every {@link #INTERVAL_NANOS} — only the thread that wins the turn writes, the others carry on.
 */
final class TrackedProgress implements JobProgress {

	static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private final JobView started;

	private final JobRows rows;

	private final Consumer<JobView> observer;

	private final AtomicLong done = new AtomicLong();

	private final AtomicLong lastWrite = new AtomicLong(System.nanoTime());

	private volatile Long total;

	private volatile String message;

	TrackedProgress(JobView started, JobRows rows, Consumer<JobView> observer) {
		this.started = started;
		this.rows = rows;
		this.observer = observer;
	}

	@Override
	public void total(long total) {
		this.total = total;
		maybeWrite();
	}

	@Override
	public void advance(long units) {
		done.addAndGet(units);
		maybeWrite();
	}

	@Override
	public void done(long done) {
		this.done.set(done);
		maybeWrite();
	}

	@Override
	public void message(String message) {
		if (Objects.equals(this.message, message)) {
			maybeWrite();
			return;
		}
		write();
		this.message = message;
		write();
	}

	@Override
	public void phase(String message, long total) {
		write();
		this.message = message;
		this.total = total;
		this.done.set(0);
		write();
	}

	long done() {
		return done.get();
	}

	Long total() {
		return total;
	}

	String message() {
		return message;
	}

	/** @return the job as it stands, with the given status */
	JobView snapshot(String status) {
		long count = done.get();
		Long all = total;
		return new JobView(started.id(), started.kind(), status, count, all, JobView.percent(status, count, all),
				message, started.parameters(), null, started.createdBy(), started.createdAt(), started.startedAt(),
				null);
	}

	private void maybeWrite() {
		long now = System.nanoTime();
		long last = lastWrite.get();
		if (now - last >= INTERVAL_NANOS && lastWrite.compareAndSet(last, now)) {
			write();
		}
	}

	private synchronized void write() {
		lastWrite.set(System.nanoTime());
		rows.progressed(started.id(), done.get(), total, message);
		observer.accept(snapshot("running"));
	}
}
