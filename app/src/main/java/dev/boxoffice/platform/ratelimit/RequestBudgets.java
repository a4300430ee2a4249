package dev.boxoffice.platform.ratelimit;

import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.web.TrafficClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Applies the request budgets. Its {@link #filter() filter} belongs in the security
 * chain, after authentication, so that an account's budget follows it from any address.
 * (It is deliberately not a {@code WebFilter} bean: WebFlux would run every such bean a
 * second time, outside the security chain.) Which budget applies is decided on the path
 * as routing sees it ({@link TrafficClass}): only probes, metrics, the API description,
 * the key set and the pages are never limited; any other path, a route or not, draws from
 * one. If Redis cannot answer, the request is let through (and counted): a limiter outage
 * must not take the API down with it.
 */
@Component
public class RequestBudgets {

	private static final Logger log = LoggerFactory.getLogger(RequestBudgets.class);

	private final RateLimiter limiter;

	private final RateLimitProperties properties;

	private final MeterRegistry meters;

	private final Counter failures;

	RequestBudgets(RateLimiter limiter, RateLimitProperties properties, MeterRegistry meters) {
		this.limiter = limiter;
		this.properties = properties;
		this.meters = meters;
		this.failures = meters.counter("boxoffice.rate_limit.failures");
	}

	public WebFilter filter() {
		return this::filter;
	}

	private Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		TrafficClass traffic = TrafficClass.of(exchange.getRequest());
		if (!this.properties.enabled() || traffic == TrafficClass.UNMETERED) {
			return chain.filter(exchange);
		}
		return bucketFor(exchange, traffic).flatMap(this::acquire).then(Mono.defer(() -> chain.filter(exchange)));
	}

	/** Which budget a request draws from: {@code kind} names it in metrics. */
	private record Bucket(String kind, String key, int perMinute) {
	}

	private Mono<Bucket> bucketFor(ServerWebExchange exchange, TrafficClass traffic) {
		String client = ClientAddress.of(exchange.getRequest(), this.properties.trustedProxies());
		if (traffic == TrafficClass.TOKEN_ENDPOINTS) {
			return Mono.just(new Bucket("auth", "auth:" + client, this.properties.authPerMinute()));
		}
		int perMinute = this.properties.userPerMinute();
		// The exchange's principal is not wired yet at this point of the chain; the
		// context is.
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.map((authentication) -> new Bucket("user", "user:" + authentication.getName(), perMinute))
			.defaultIfEmpty(new Bucket("anonymous", "ip:" + client, perMinute));
	}

	private Mono<Void> acquire(Bucket bucket) {
		return this.limiter.tryAcquire(bucket.key(), bucket.perMinute()).onErrorResume((ex) -> {
			this.failures.increment();
			log.debug("Rate limiter unavailable; letting the request through", ex);
			return Mono.empty();
		}).flatMap((decision) -> {
			if (decision.allowed()) {
				return Mono.empty();
			}
			this.meters.counter("boxoffice.rate_limit.rejections", "bucket", bucket.kind()).increment();
			return Mono
				.error(RequestProblems.tooMany(decision.retryAfter(), "Request budget exhausted; try again later."));
		});
	}

}
