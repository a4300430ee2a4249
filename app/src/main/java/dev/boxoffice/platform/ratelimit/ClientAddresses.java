package dev.boxoffice.platform.ratelimit;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The client address of a request as the budgets see it (behind
 * {@code boxoffice.rate-limit.trusted-proxies} proxies, IPv6 per /64), for features that
 * bound what one address may do.
 */
@Component
public class ClientAddresses {

	private final RateLimitProperties properties;

	ClientAddresses(RateLimitProperties properties) {
		this.properties = properties;
	}

	public String of(ServerHttpRequest request) {
		return ClientAddress.of(request, this.properties.trustedProxies());
	}

}
