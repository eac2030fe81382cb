package io.atrium.messaging;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The application's only way out to the internet. Before connecting it resolves the host and refuses loopback,
 * link-local, private (10/8, 172.16/12, 192.168/16, fc00::/7), CGNAT (100.64/10), unspecified, multicast and metadata
 * addresses, including IPv4-mapped IPv6 forms, and refuses hosts written in unusual IP notations (decimal, octal,
 * hexadecimal, shortened). For plain http it then connects to the checked address itself (so a second DNS answer cannot
 * swap the target; the {@code Host} header carries the address); https keeps the name for certificate checks. It never follows
 * redirects. Hosts in {@code atrium.egress.allowed-hosts} skip the address check (tests, deliberate private
 * providers).
 */
@Component
@EnableConfigurationProperties(EgressSettings.class)
public class EgressClient {

	private static final Pattern ODD_NUMERIC_HOST = Pattern.compile("^(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?$");

	private static final Pattern DOTTED_QUAD = Pattern
		.compile("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$");

	/** A response: status, body and the {@code Retry-After} header if any. */
	public record Response(int status, String body, Optional<String> retryAfter) {
	}

	/** Resolves a host name to its addresses; replaceable in tests. */
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;
	}

	private final EgressSettings settings;

	private final HttpClient http;

	private final Resolver resolver;

	@org.springframework.beans.factory.annotation.Autowired
	EgressClient(EgressSettings settings) {
		this(settings, InetAddress::getAllByName);
	}

	EgressClient(EgressSettings settings, Resolver resolver) {
		this.settings = settings;
		this.resolver = resolver;
		this.http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(settings.connectTimeout())
			.build();
	}

	/**
	 * POSTs a JSON body.
	 * @param url an absolute http(s) URL
	 * @param headers extra headers (e.g. signatures)
	 * @param body the JSON text
	 * @return the response; a 3xx is returned as is, never followed
	 * @throws EgressRefused when the target is not allowed, before any connection is made
	 * @throws IOException when the connection or exchange fails
	 */
	public Response postJson(String url, Map<String, String> headers, String body) throws IOException {
		URI uri = parse(url);
		URI target = pin(uri);
		HttpRequest.Builder request = HttpRequest.newBuilder(target)
			.timeout(settings.requestTimeout())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	/**
	 * Checks a URL without connecting.
	 * @param url the URL
	 * @throws EgressRefused when a request to it would be refused
	 */
	public void check(String url) {
		pin(parse(url));
	}

	private static URI parse(String url) {
		try {
			URI uri = new URI(url);
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
				throw new EgressRefused("only absolute http and https URLs are allowed");
			}
			if (uri.getUserInfo() != null) {
				throw new EgressRefused("credentials in URLs are not allowed");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new EgressRefused("malformed URL");
		}
	}

	private URI pin(URI uri) {
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		if (settings.allowedHosts().stream().anyMatch(host::equalsIgnoreCase)) {
			return uri;
		}
		if (ODD_NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
			throw new EgressRefused("host in an unusual IP notation");
		}
		InetAddress[] addresses;
		try {
			addresses = resolver.resolve(host);
		}
		catch (UnknownHostException ex) {
			throw new EgressRefused("host does not resolve");
		}
		if (addresses.length == 0) {
			throw new EgressRefused("host does not resolve");
		}
		for (InetAddress address : addresses) {
			if (forbidden(address)) {
				throw new EgressRefused("host resolves to a non-public address");
			}
		}
		if (!"http".equals(uri.getScheme())) {
			return uri;
		}
		InetAddress chosen = addresses[0];
		String literal = chosen instanceof Inet6Address ? "[" + chosen.getHostAddress() + "]" : chosen.getHostAddress();
		try {
			return new URI(uri.getScheme(), null, literal, uri.getPort(), uri.getPath(), uri.getQuery(), null);
		}
		catch (URISyntaxException ex) {
			throw new EgressRefused("malformed URL");
		}
	}

	/**
	 * @param address a resolved address
	 * @return whether outbound requests to it are refused
	 */
	static boolean forbidden(InetAddress address) {
		if (address instanceof Inet6Address v6) {
			byte[] b = v6.getAddress();
			boolean mapped = true;
			for (int i = 0; i < 10; i++) {
				mapped &= b[i] == 0;
			}
			if (mapped && (b[10] == (byte) 0xff && b[11] == (byte) 0xff || isZero(b, 10, 12))) {
				try {
					InetAddress v4 = InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
					if (!isZero(b, 0, 16)) {
						return forbidden(v4);
					}
				}
				catch (UnknownHostException ex) {
					return true;
				}
			}
			if ((b[0] & 0xfe) == 0xfc) {
				return true;
			}
			if (b[0] == 0x20 && b[1] == 0x02) {
				return true;
			}
		}
		if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		if (address instanceof Inet4Address) {
			byte[] b = address.getAddress();
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			return first == 0 || first == 127 || first == 10 || (first == 100 && second >= 64 && second <= 127)
					|| (first == 169 && second == 254) || (first == 172 && second >= 16 && second <= 31)
					|| (first == 192 && second == 168) || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
					|| (first == 198 && (second == 18 || second == 19)) || first >= 224;
		}
		return false;
	}

	private static boolean isZero(byte[] b, int from, int to) {
		for (int i = from; i < to; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		return true;
	}
}
