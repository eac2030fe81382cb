package io.atrium.tracking;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a counter and random bits. Touchpoint ids made
 * this way grow with time, so inserting millions of them appends to the primary-key index instead of touching
 * random pages all over it — the difference between a bulk load that stays in memory and one that does not.
 * Ids stay unique across nodes through 62 random bits.
 */
final class TimeOrderedIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final AtomicLong LAST = new AtomicLong();

	private TimeOrderedIds() {
	}

	/** @return a new id, later than every id this JVM made before (within the same millisecond by a counter) */
	static UUID next() {
		long now = System.currentTimeMillis() << 12;
		long stamp = LAST.accumulateAndGet(now, (last, candidate) -> Math.max(last + 1, candidate));
		long millis = stamp >>> 12;
		long sequence = stamp & 0xFFF;
		long most = (millis << 16) | 0x7000L | sequence;
		long least = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
	}
}
