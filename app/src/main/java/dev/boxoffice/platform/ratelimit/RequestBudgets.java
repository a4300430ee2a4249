package dev.boxoffice.platform.ratelimit;

import java.util.List;

import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.web.TrafficClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
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
 * <p>
 * An account's budget can also be taken while its token is checked
 * ({@link #takeReading}), in the one Redis call that reads the token's revocations: a
 * request with a token then asks Redis once before its feature does, not twice. The
 * decision waits in the exchange for the filter, which applies it as its own.
 */
@Component
public class RequestBudgets {

	private static final Logger log = LoggerFactory.getLogger(RequestBudgets.class);

	/** The exchange attribute that keeps a budget taken during authentication. */
	private static final String TAKEN = RequestBudgets.class.getName() + ".taken";

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

	/**
	 * Takes the request in the Reactor context from {@code account}'s budget, reading
	 * {@code keys} (full Redis keys) in the same call; the values, null where absent.
	 * Empty, with nothing taken or read, where the filter would not draw from that
	 * budget: no request in the context (a call outside the chain), budgets off, a path
	 * that is never limited or a token endpoint (budgeted per address). The caller reads
	 * the keys itself then. A failure is the caller's: the keys could not be read either.
	 */
	public Mono<List<@Nullable String>> takeReading(String account, List<String> keys) {
		return Mono.deferContextual((context) -> {
			ServerWebExchange exchange = context.getOrDefault(ServerWebExchange.class, null);
			if (exchange == null || !metered(TrafficClass.of(exchange))
					|| TrafficClass.of(exchange) == TrafficClass.TOKEN_ENDPOINTS) {
				return Mono.empty();
			}
			Bucket bucket = userBucket(account);
			return this.limiter.tryAcquireReading(bucket.key(), bucket.perMinute(), keys).map((taken) -> {
				exchange.getAttributes().put(TAKEN, new Taken(bucket.key(), taken.decision()));
				return taken.values();
			});
		});
	}

	public WebFilter filter() {
		return this::filter;
	}

	private Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		TrafficClass traffic = TrafficClass.of(exchange);
		if (!metered(traffic)) {
			return chain.filter(exchange);
		}
		return bucketFor(exchange, traffic).flatMap((bucket) -> {
			Taken taken = exchange.getAttribute(TAKEN);
			return (taken != null && taken.key().equals(bucket.key())) ? decide(bucket, taken.decision())
					: acquire(bucket);
		}).then(Mono.defer(() -> chain.filter(exchange)));
	}

	/** Whether requests of this class draw from a budget at all. */
	private boolean metered(TrafficClass traffic) {
		return this.properties.enabled() && traffic != TrafficClass.UNMETERED;
	}

	/** Which budget a request draws from: {@code kind} names it in metrics. */
	private record Bucket(String kind, String key, int perMinute) {
	}

	/** A budget taken during authentication, for the filter to apply. */
	private record Taken(String key, RateLimiter.Decision decision) {
	}

	private Bucket userBucket(String account) {
		return new Bucket("user", "user:" + account, this.properties.userPerMinute());
	}

	private Mono<Bucket> bucketFor(ServerWebExchange exchange, TrafficClass traffic) {
		String client = ClientAddress.of(exchange.getRequest(), this.properties.trustedProxies());
		if (traffic == TrafficClass.TOKEN_ENDPOINTS) {
			return Mono.just(new Bucket("auth", "auth:" + client, this.properties.authPerMinute()));
		}
		// The exchange's principal is not wired yet at this point of the chain; the
		// context is.
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.map((authentication) -> userBucket(authentication.getName()))
			.defaultIfEmpty(new Bucket("anonymous", "ip:" + client, this.properties.userPerMinute()));
	}

	private Mono<Void> acquire(Bucket bucket) {
		return this.limiter.tryAcquire(bucket.key(), bucket.perMinute()).onErrorResume((ex) -> {
			this.failures.increment();
			log.debug("Rate limiter unavailable; letting the request through", ex);
			return Mono.empty();
		}).flatMap((decision) -> decide(bucket, decision));
	}

	private Mono<Void> decide(Bucket bucket, RateLimiter.Decision decision) {
		if (decision.allowed()) {
			return Mono.empty();
		}
		this.meters.counter("boxoffice.rate_limit.rejections", "bucket", bucket.kind()).increment();
		return Mono.error(RequestProblems.tooMany(decision.retryAfter(), "Request budget exhausted; try again later."));
	}

}
