package io.atrium.messaging;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EgressClientUnitTests {

	HttpServer server;

	AtomicInteger requests = new AtomicInteger();

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", exchange -> {
			requests.incrementAndGet();
			exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:%d/", "http://localhost:%d/", "http://2130706433:%d/",
			"http://0177.0.0.1:%d/", "http://0x7f.1:%d/", "http://127.1:%d/", "http://[::1]:%d/",
			"http://[::ffff:127.0.0.1]:%d/", "http://[0:0:0:0:0:ffff:7f00:1]:%d/", "http://0.0.0.0:%d/" })
	void rejectsLoopbackInEveryNotationBeforeConnecting(String template) {
		EgressClient client = new EgressClient(new EgressSettings(List.of(), null, null));
		String url = template.formatted(server.getAddress().getPort());
		assertThatThrownBy(() -> client.postJson(url, Map.of(), "{}")).isInstanceOf(EgressRefused.class);
		assertThat(requests).hasValue(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://10.0.0.1/", "http://172.16.5.4/", "http://172.31.255.255/", "http://192.168.1.1/",
			"http://100.64.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fc00::1]/",
			"http://[fd12:3456::1]/", "http://224.0.0.1/", "http://[ff02::1]/", "http://[::]/",
			"http://[::ffff:10.0.0.1]/", "http://[::ffff:169.254.169.254]/", "http://user:pw@example.com/",
			"file:///etc/passwd", "gopher://example.com/" })
	void rejectsPrivateLinkLocalMetadataAndOddTargets(String url) {
		EgressClient client = new EgressClient(new EgressSettings(List.of(), null, null));
		assertThatThrownBy(() -> client.check(url)).isInstanceOf(EgressRefused.class);
	}

	@Test
	void rejectsHostsThatResolveToPrivateAddresses() throws Exception {
		EgressClient client = new EgressClient(new EgressSettings(List.of(), null, null),
				host -> new InetAddress[] { InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3") });
		assertThatThrownBy(() -> client.check("https://rebinding.example/")).isInstanceOf(EgressRefused.class);
	}

	@Test
	void acceptsPublicAddresses() {
		EgressClient client = new EgressClient(new EgressSettings(List.of(), null, null),
				host -> new InetAddress[] { InetAddress.getByName("93.184.216.34") });
		client.check("https://provider.example/sms");
		client.check("http://8.8.8.8/");
	}

	@Test
	void neverFollowsRedirects() throws Exception {
		EgressClient client = new EgressClient(new EgressSettings(List.of("127.0.0.1"), null, null));
		EgressClient.Response response = client.postJson("http://127.0.0.1:" + server.getAddress().getPort() + "/",
				Map.of(), "{}");
		assertThat(response.status()).isEqualTo(302);
		assertThat(requests).hasValue(1);
	}
}
