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
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		long jvmBefore = os.getProcessCpuTime();
		double postgresBefore = postgresCpuSeconds();
		long started = System.nanoTime();

		bulkLoad.load(customers, loaded -> last[0] = loaded);

		Duration took = Duration.ofNanos(System.nanoTime() - started);
		System.out.printf(
				"BENCHMARK customer bulk load: %,d customers in %.1f s wall (%,.0f customers/s), CPU: JVM %.1f s, PostgreSQL %.1f s, %d cores, load average %.1f%n",
				count, took.toMillis() / 1000.0, count * 1e9 / took.toNanos(), (os.getProcessCpuTime() - jvmBefore) / 1e9,
				postgresCpuSeconds() - postgresBefore, Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
		assertThat(last[0]).isEqualTo(count);
	}

	/** CPU seconds used so far by the PostgreSQL processes whose command line names this build's test data. */
	private static double postgresCpuSeconds() {
		String dataDirectory = java.nio.file.Path.of("target/test-data").toAbsolutePath().toString();
		double seconds = 0;
		try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
			for (java.nio.file.Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
				try {
					String command = java.nio.file.Files.readString(process.resolve("cmdline")).replace('\0', ' ');
					String name = java.nio.file.Files.readString(process.resolve("comm")).strip();
					if (!name.startsWith("postgres") || !(command.contains(dataDirectory) || isChildOfPostmaster(process, dataDirectory))) {
						continue;
					}
					String stat = java.nio.file.Files.readString(process.resolve("stat"));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
				}
				catch (java.io.IOException | RuntimeException ex) {
					// the process ended meanwhile
				}
			}
		}
		catch (java.io.IOException ex) {
			return Double.NaN;
		}
		return seconds;
	}

	private static boolean isChildOfPostmaster(java.nio.file.Path process, String dataDirectory) throws java.io.IOException {
		String stat = java.nio.file.Files.readString(process.resolve("stat"));
		String parent = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1];
		String command = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", parent, "cmdline")).replace('\0', ' ');
		return command.contains(dataDirectory);
	}
}
