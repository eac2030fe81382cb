package io.atrium.demo;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The random draws the generator is built from. Each member gets its own {@link SplittableRandom} seeded
 * from the mall's seed, the member's number and a stream number, so a member's data never depends on which
 * other members were generated before it, or on which thread.
 */
final class Draws {

	static final long PROFILE_STREAM = 1;

	static final long TOUCHPOINT_STREAM = 2;

	static final long IDENTITY_STREAM = 3;

	private Draws() {
	}

	static SplittableRandom forMember(long seed, long number, long stream) {
		return new SplittableRandom(mix(mix(seed ^ 0x5DEECE66DL) + number * 0x9E3779B97F4A7C15L + stream));
	}

	/**
	 * An id that sorts by member number, then by position within the member (a version-8 UUID: 16 bits from
	 * the seed, 32 bits of member number, the version, 12 bits of position, then random bits). Rows loaded in
	 * member order therefore append to primary-key indexes instead of landing at random places, which keeps
	 * bulk loads of millions of rows fast, like time-ordered UUIDv7 ids do.
	 */
	static UUID orderedUuid(long seed, long number, int position, long randomBits) {
		long high = (mix(seed) & 0xFFFF000000000000L) | ((number & 0xFFFFFFFFL) << 16) | 0x8000L
				| (position & 0xFFFL);
		long low = (randomBits & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low);
	}

	/** A Poisson count with the given mean (normal approximation above 30). */
	static int poisson(SplittableRandom random, double mean) {
		if (mean <= 0) {
			return 0;
		}
		if (mean > 30) {
			return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
		}
		double limit = Math.exp(-mean);
		double product = random.nextDouble();
		int count = 0;
		while (product > limit) {
			count++;
			product *= random.nextDouble();
		}
		return count;
	}

	/** A log-normal factor with median 1. */
	static double logNormal(SplittableRandom random, double spread) {
		return Math.exp(spread * random.nextGaussian());
	}

	static boolean chance(SplittableRandom random, double probability) {
		return random.nextDouble() < probability;
	}

	/**
	 * A bijection of the numbers from 0 to modulus - 1, for moduli that are powers of ten, so numbers derived
	 * from distinct member numbers are distinct without looking sequential.
	 */
	static long scramble(long value, long modulus, long seed) {
		long offset = Math.floorMod(mix(seed), modulus);
		return Math.floorMod(value * 741_852_963L + offset, modulus);
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
		z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
		return z ^ (z >>> 33);
	}
}
