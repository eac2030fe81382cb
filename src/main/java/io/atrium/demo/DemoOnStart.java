package io.atrium.demo;

import java.util.function.Consumer;

import io.atrium.platform.ConsoleProgress;
import io.atrium.platform.JobAlreadyRunning;
import io.atrium.platform.JobView;
import io.atrium.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Demo data when the application is ready (after the schema is migrated and HTTP is up):
 * <ul>
 * <li>with {@code atrium.demo.load=N}, loads a mall of N customers on the main thread with a progress bar on
 * standard error, then stops the application when {@code atrium.demo.exit-after-load=true};</li>
 * <li>otherwise, with {@code atrium.demo.load-on-first-start=true} and no demo customers yet, loads
 * {@code atrium.demo.customers} customers as a background job, logging its progress.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoSettings.class)
class DemoOnStart {

	private static final Logger log = LoggerFactory.getLogger(DemoOnStart.class);

	private static final long LOG_EVERY_NANOS = 5_000_000_000L;

	private final LoadingDemoMall loading;

	private final DemoSettings settings;

	private final ConfigurableApplicationContext context;

	DemoOnStart(LoadingDemoMall loading, DemoSettings settings, ConfigurableApplicationContext context) {
		this.loading = loading;
		this.settings = settings;
		this.context = context;
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadDemoMall() {
		if (settings.load() != null) {
			loadFromCommandLine(settings.load());
		}
		else if (settings.loadOnFirstStart()) {
			loadOnFirstStart();
		}
	}

	private void loadFromCommandLine(int size) {
		log.info("Loading a demo mall of {} customers (seed {})", size, settings.seed());
		JobView job;
		try {
			job = loading.loadNow(size, settings.seed(), Actor.SYSTEM.name(), ConsoleProgress.onStandardError());
		}
		catch (IllegalArgumentException ex) {
			log.error("Cannot load a demo mall: {}", ex.getMessage());
			finish(2);
			return;
		}
		if ("succeeded".equals(job.status())) {
			log.info("Demo mall loaded: {}", job.result());
			finish(0);
		}
		else {
			log.error("Demo mall not loaded: {}", job.message());
			finish(1);
		}
	}

	private void loadOnFirstStart() {
		if (loading.demoCustomersExist()) {
			return;
		}
		try {
			loading.start(settings.customers(), settings.seed(), Actor.SYSTEM.name(), new ProgressLog());
			log.info("Loading a demo mall of {} customers in the background", settings.customers());
		}
		catch (JobAlreadyRunning | DemoMallAlreadyLoaded ex) {
			log.info("No demo load on this node: {}", ex.getMessage());
		}
	}

	private void finish(int code) {
		if (settings.exitAfterLoad()) {
			System.exit(SpringApplication.exit(context, () -> code));
		}
	}

	/** Logs a job's progress line when its phase changes, every five seconds, and at its end. */
	private static final class ProgressLog implements Consumer<JobView> {

		private String phase;

		private long last = System.nanoTime();

		@Override
		public void accept(JobView job) {
			long now = System.nanoTime();
			if (job.finished() || !java.util.Objects.equals(phase, job.message()) || now - last >= LOG_EVERY_NANOS) {
				log.info("Demo load {}: {}", job.status(), ConsoleProgress.line(job));
				phase = job.message();
				last = now;
			}
		}
	}
}
