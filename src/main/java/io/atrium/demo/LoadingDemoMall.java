package io.atrium.demo;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import io.atrium.customer.CustomerBulkLoad;
import io.atrium.customer.CustomerBulkLoad.NewCustomer;
import io.atrium.customer.CustomerDirectory;
import io.atrium.platform.JobId;
import io.atrium.platform.JobProgress;
import io.atrium.platform.JobView;
import io.atrium.platform.Jobs;
import io.atrium.shared.CustomerId;
import io.atrium.tracking.MallDirectory;
import io.atrium.tracking.NewTouchpoint;
import io.atrium.tracking.Store;
import io.atrium.tracking.TouchpointBulkLoad;
import io.atrium.tracking.Zone;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

/**
 * Loads a {@link SyntheticMall} through the owning modules' bulk loads, as a job of kind {@value #KIND}:
 * zones and stores into the mall directory, then the customers (one transaction), then their touchpoints
 * (one COPY), generated member by member so that only one member's data is in memory at a time. Only one
 * demo load runs at a time across all nodes.
 */
@Service
public class LoadingDemoMall {

	/** The job kind of demo loads. */
	public static final String KIND = "demo-load";

	private static final String SOURCE = "demo";

	private final CustomerBulkLoad customerLoad;

	private final CustomerDirectory customers;

	private final TouchpointBulkLoad touchpointLoad;

	private final MallDirectory mallDirectory;

	private final Jobs jobs;

	private final Clock clock;

	private final MessageSource messages;

	LoadingDemoMall(CustomerBulkLoad customerLoad, CustomerDirectory customers, TouchpointBulkLoad touchpointLoad,
			MallDirectory mallDirectory, Jobs jobs, Clock clock, MessageSource messages) {
		this.customerLoad = customerLoad;
		this.customers = customers;
		this.touchpointLoad = touchpointLoad;
		this.mallDirectory = mallDirectory;
		this.jobs = jobs;
		this.clock = clock;
		this.messages = messages;
	}

	/**
	 * Whether the demo's customers are there already: asks the customer module for the first demo member
	 * ({@code CUST001}), whose external id every demo mall uses.
	 * @return {@code true} when a demo mall (or any customer {@code CUST001}) exists
	 */
	public boolean demoCustomersExist() {
		return customers.findByExternalId(Members.externalId(1)).isPresent();
	}

	/**
	 * Starts loading a demo mall on the job pool.
	 * @param size number of customers, {@value SyntheticMall#MIN_SIZE} to {@value SyntheticMall#MAX_SIZE}
	 * @param seed the mall's seed
	 * @param actor who asked
	 * @param observer told about progress on the job's thread
	 * @return the job
	 * @throws DemoMallAlreadyLoaded when the demo's customers exist already
	 * @throws io.atrium.platform.JobAlreadyRunning when a demo load is queued or running
	 */
	public JobId start(int size, long seed, String actor, Consumer<JobView> observer) {
		if (demoCustomersExist()) {
			throw new DemoMallAlreadyLoaded();
		}
		SyntheticMall mall = SyntheticMall.of(seed, size, clock);
		return jobs.startAlone(KIND, parameters(mall), actor, progress -> load(mall, progress).asMap(), observer);
	}

	/**
	 * Loads a demo mall on the calling thread (command line, benchmarks).
	 * @param observer told about progress, e.g. a {@link io.atrium.platform.ConsoleProgress}
	 * @return the finished job: {@code succeeded} with the {@link DemoLoadResult} figures as its result, or
	 * {@code failed} with the reason (e.g. the demo customers exist already)
	 */
	public JobView loadNow(int size, long seed, String actor, Consumer<JobView> observer) {
		SyntheticMall mall = SyntheticMall.of(seed, size, clock);
		return jobs.run(KIND, parameters(mall), actor, progress -> {
			if (demoCustomersExist()) {
				throw new DemoMallAlreadyLoaded();
			}
			return load(mall, progress).asMap();
		}, observer);
	}

	DemoLoadResult load(SyntheticMall mall, JobProgress progress) {
		progress.phase(text("demo.load.places"), 2);
		mallDirectory.upsertZones(
				mall.zones().stream().map(zone -> new Zone(zone.id(), zone.name(), zone.floor(), zone.kind())).toList());
		progress.done(1);
		mallDirectory.upsertStores(mall.stores()
			.stream()
			.map(store -> new Store(store.id(), store.name(), store.category(), store.floor(), store.zoneId(),
					store.unit()))
			.toList());
		progress.done(2);

		progress.phase(text("demo.load.customers"), mall.size());
		long started = System.nanoTime();
		customerLoad.load(mapped(mall.customers(), LoadingDemoMall::newCustomer), progress::done);
		long customersLoaded = System.nanoTime();

		progress.phase(text("demo.load.touchpoints"), mall.size());
		SyntheticMall.TouchpointIterator touchpoints = mall.touchpoints();
		long[] rows = new long[1];
		touchpointLoad.load(mapped(touchpoints, LoadingDemoMall::newTouchpoint), loaded -> {
			rows[0] = loaded;
			progress.done(touchpoints.membersReached());
		});
		long touchpointsLoaded = System.nanoTime();
		progress.done(mall.size());

		DemoLoadResult result = new DemoLoadResult(mall.size(), rows[0], mall.zones().size(), mall.stores().size(),
				mall.seed(), (customersLoaded - started) / 1_000_000, (touchpointsLoaded - customersLoaded) / 1_000_000);
		progress.message(text("demo.load.done", result.customers(), result.touchpoints()));
		return result;
	}

	static NewCustomer newCustomer(MallCustomer customer) {
		return new NewCustomer(new CustomerId(customer.id()), customer.externalId(), customer.firstName(),
				customer.lastName(), customer.email(), customer.phone(), customer.memberCard(), customer.gender(),
				customer.birthDate(), customer.city(), customer.memberTier(), customer.memberSince(), customer.locale(),
				customer.traits(), customer.createdAt(), customer.consents());
	}

	static NewTouchpoint newTouchpoint(MallTouchpoint touchpoint) {
		return new NewTouchpoint(touchpoint.id(), new CustomerId(touchpoint.customerId()), touchpoint.touchpointType(),
				touchpoint.channel(), touchpoint.occurredAt(), SOURCE, null, touchpoint.campaignId(),
				touchpoint.storeId(), touchpoint.location(), touchpoint.amount(),
				touchpoint.amount() == null ? null : MallTouchpoint.CURRENCY, touchpoint.rating(),
				touchpoint.durationSeconds(), touchpoint.metadata());
	}

	private static Map<String, Object> parameters(SyntheticMall mall) {
		return Map.of("customers", mall.size(), "seed", mall.seed());
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

	private static <A, B> Iterator<B> mapped(Iterator<A> source, Function<A, B> mapping) {
		return new Iterator<>() {

			@Override
			public boolean hasNext() {
				return source.hasNext();
			}

			@Override
			public B next() {
				return mapping.apply(source.next());
			}
		};
	}
}
