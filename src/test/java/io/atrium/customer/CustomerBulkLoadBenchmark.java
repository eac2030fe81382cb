package io.atrium.customer;

import java.time.Duration;
import java.util.Iterator;
import java.util.stream.IntStream;

import io.atrium.customer.CustomerBulkLoad.NewCustomer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads {@code atrium.benchmark.customers} (default 1,000,000) profiles and prints the throughput. Run with
 * {@code mvn -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CustomerBulkLoadBenchmark
 * -Datrium.benchmark=true verify}; the figures go to {@code docs/PERFORMANCE.md}.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "atrium.benchmark", matches = "true")
class CustomerBulkLoadBenchmark {

	@Autowired
	CustomerBulkLoad bulkLoad;

	@Test
	void loadsAMillionCustomers() {
		int count = Integer.getInteger("atrium.benchmark.customers", 1_000_000);
		String batch = CustomerBulkLoadIntegrationTests.batch();
		Iterator<NewCustomer> customers = IntStream.range(0, count)
			.mapToObj(i -> CustomerBulkLoadIntegrationTests.customer(batch, i))
			.iterator();
		long[] last = new long[1];
		long started = System.nanoTime();

		bulkLoad.load(customers, loaded -> last[0] = loaded);

		Duration took = Duration.ofNanos(System.nanoTime() - started);
		System.out.printf("BENCHMARK customer bulk load: %,d customers in %.1f s (%,.0f customers/s, %d cores)%n",
				count, took.toMillis() / 1000.0, count * 1e9 / took.toNanos(), Runtime.getRuntime().availableProcessors());
		assertThat(last[0]).isEqualTo(count);
	}
}
