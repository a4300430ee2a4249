package dev.boxoffice.platform.admission;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.boxoffice.platform.error.ProblemResponseWriter;
import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.web.TrafficClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Bounds the API requests in progress. Past the bound, a request is refused before
 * anything else is spent on it — no token check, no Redis, no database — with a 503
 * problem and {@code Retry-After: 1}. Under an overload the service then keeps serving
 * what it can at full speed and tells the rest to come back, instead of letting every
 * request queue until all of them time out. Which requests count is decided on the path
 * as routing sees it ({@link TrafficClass}): live streams (long-lived by design), the
 * actuator, the API description and pages do not; every other path, a route or not, does.
 * Runs before the security chain.
 */
@Component
class AdmissionControl implements WebFilter, Ordered {

	private final int maxInFlight;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Counter rejections;

	private final ProblemResponseWriter problems;

	AdmissionControl(AdmissionProperties properties, ProblemResponseWriter problems, MeterRegistry meters) {
		this.maxInFlight = properties.maxInFlight();
		this.problems = problems;
		this.rejections = Counter.builder("boxoffice.admission.rejections")
			.description("API requests refused because too many were in progress")
			.register(meters);
		Gauge.builder("boxoffice.admission.in_flight", this.inFlight, AtomicInteger::get)
			.description("API requests in progress")
			.register(meters);
	}

	@Override
	public int getOrder() {
		// Before Spring Security's filter chain (-100).
		return -200;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		TrafficClass traffic = TrafficClass.of(exchange.getRequest());
		if (traffic != TrafficClass.API && traffic != TrafficClass.TOKEN_ENDPOINTS) {
			return chain.filter(exchange);
		}
		if (this.inFlight.incrementAndGet() > this.maxInFlight) {
			this.inFlight.decrementAndGet();
			this.rejections.increment();
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, "1");
			return this.problems.write(exchange,
					RequestProblems.busy("Too many requests in progress; try again in a moment.").problem(), headers);
		}
		// Released as the answer is committed — before the client can see it and send its
		// next request — or when the exchange ends without one, whichever comes first.
		AtomicBoolean released = new AtomicBoolean();
		Runnable release = () -> {
			if (released.compareAndSet(false, true)) {
				this.inFlight.decrementAndGet();
			}
		};
		exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(release));
		return chain.filter(exchange).doFinally((signal) -> release.run());
	}

}
