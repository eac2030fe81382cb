package io.atrium.shared;

/**
 * Page sizes: 50 when not given, at most 500, at least 1.
 */
public final class Limit {

	/** Default page size. */
	public static final int DEFAULT = 50;

	/** Largest page size. */
	public static final int MAX = 500;

	private Limit() {
	}

	/**
	 * @param requested the caller's {@code limit}, possibly {@code null}
	 * @return the page size to use
	 * @throws InvalidInput when below 1 or above {@link #MAX}
	 */
	public static int of(Integer requested) {
		if (requested == null) {
			return DEFAULT;
		}
		if (requested < 1 || requested > MAX) {
			throw InvalidInput.of("limit", "must be between 1 and " + MAX);
		}
		return requested;
	}
}
