package dev.boxoffice.platform.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address a request's budget is keyed by. Behind {@code trustedProxies} proxies, the
 * client is the address the outermost of them saw: the entry that many places from the
 * right of {@code X-Forwarded-For} (entries further left are whatever the client chose to
 * send). IPv6 addresses count per /64, the block one subscriber usually has.
 */
final class ClientAddress {

	private static final Pattern LITERAL_IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern LITERAL_IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private ClientAddress() {
	}

	static String of(ServerHttpRequest request, int trustedProxies) {
		String address = (trustedProxies > 0) ? forwarded(request, trustedProxies) : null;
		if (address == null) {
			InetSocketAddress remote = request.getRemoteAddress();
			if (remote == null || remote.getAddress() == null) {
				return "unknown";
			}
			return normalize(remote.getAddress());
		}
		InetAddress literal = literal(address);
		return (literal != null) ? normalize(literal) : "unknown";
	}

	/** An IP address written out; never a host name (looking one up would block). */
	private static @Nullable InetAddress literal(String text) {
		boolean ipv4 = LITERAL_IPV4.matcher(text).matches();
		boolean ipv6 = text.indexOf(':') >= 0 && LITERAL_IPV6.matcher(text).matches();
		if (!ipv4 && !ipv6) {
			return null;
		}
		try {
			return InetAddress.getByName(text);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static @Nullable String forwarded(ServerHttpRequest request, int trustedProxies) {
		List<String> headers = request.getHeaders().getValuesAsList("X-Forwarded-For");
		if (headers.size() < trustedProxies) {
			return null;
		}
		return headers.get(headers.size() - trustedProxies).strip();
	}

	private static String normalize(InetAddress address) {
		if (address instanceof Inet6Address) {
			byte[] bytes = address.getAddress();
			for (int i = 8; i < 16; i++) {
				bytes[i] = 0;
			}
			try {
				return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
			}
			catch (UnknownHostException ex) {
				return address.getHostAddress();
			}
		}
		return address.getHostAddress();
	}

}
