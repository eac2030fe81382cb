package io.atrium.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo data settings.
 *
 * @param loadOnFirstStart load a demo mall when the application starts and the mall has no customers
 * @param customers size of that mall (default 1,000)
 * @param seed seed of the generated mall (default 20261124)
 * @param load when set, load a mall of this many customers from the command line, showing a progress bar,
 * instead of the first-start load
 * @param exitAfterLoad stop the application once the command-line load is over (exit code 0 or 1)
 */
@ConfigurationProperties("atrium.demo")
public record DemoSettings(boolean loadOnFirstStart, Integer customers, Long seed, Integer load,
		boolean exitAfterLoad) {

	/** Seed used when none is configured. */
	public static final long DEFAULT_SEED = 20261124L;

	public DemoSettings {
		customers = customers == null ? 1_000 : customers;
		seed = seed == null ? DEFAULT_SEED : seed;
	}
}
