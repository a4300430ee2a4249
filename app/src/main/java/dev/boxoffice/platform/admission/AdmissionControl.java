package dev.boxoffice.platform.admission;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.boxoffice.platform.error.ProblemResponseWriter;
import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.web.TrafficClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Decides, before anything else is spent on an API request — no token check, no Redis, no
 * database — whether the service takes it on now. Refused, it is answered 503 with a
 * problem and {@code Retry-After: 1}: under an overload the service keeps serving what it
 * admits at full speed and tells the rest at once to come back, instead of letting every
 * request queue until all of them time out.
 * <ul>
 * <li><b>Work already started first.</b> The purchase of a hold and its release finish
 * what a granted hold began: they are admitted up to {@code max-in-flight}, a bound on
 * requests in progress that guards the heap. Every other request (a new hold above all)
 * is admitted only under the {@link AdaptiveLimit adaptive limit}, which is never above
 * it. So a buyer holding seats is not refused the purchase while new holds are still
 * admitted, and holds are not granted that the service could not then sell.</li>
 * <li><b>Waiting on a provider is not load.</b> A request awaiting an outside provider
 * ({@link Admission#outside}) is not counted in progress meanwhile, and that time is not
 * its own.</li>
 * <li><b>The limit adapts.</b> It follows how long the service's own part of each request
 * takes ({@link AdaptiveLimit}); {@code adaptive: false} keeps it at
 * {@code max-in-flight}.</li>
 * </ul>
 * Which requests count is decided on the path as routing sees it ({@link TrafficClass}):
 * live streams (long-lived by design), the actuator, the API description and pages do
 * not; every other path, a route or not, does. Runs before the security chain.
 */
@Component
class AdmissionControl implements WebFilter, Ordered {

	private static final List<PathPattern> PURCHASE = parse("/api/holds/*/purchase");

	private static final String PURCHASE_KIND = "purchase";

	private static final List<PathPattern> HOLD_RELEASE = parse("/api/holds/*");

	private static final List<PathPattern> HOLDS = parse("/api/events/*/holds");

	private final int maxInFlight;

	private final Duration bodyTimeout;

	private final AdaptiveLimit limit;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger outside = new AtomicInteger();

	private final Counter rejections;

	private final ProblemResponseWriter problems;

	@Autowired
	AdmissionControl(AdmissionProperties properties, ProblemResponseWriter problems, MeterRegistry meters) {
		this(properties.maxInFlight(), new AdaptiveLimit(properties.minLimit(), properties.maxInFlight(),
				properties.adaptive(), System.nanoTime()), properties.bodyTimeout(), problems, meters);
	}

	AdmissionControl(int maxInFlight, AdaptiveLimit limit, Duration bodyTimeout, ProblemResponseWriter problems,
			MeterRegistry meters) {
		this.maxInFlight = maxInFlight;
		this.bodyTimeout = bodyTimeout;
		this.limit = limit;
		this.problems = problems;
		this.rejections = Counter.builder("boxoffice.admission.rejections")
			.description("API requests refused because the service had taken on as many as it could serve")
			.register(meters);
		Gauge.builder("boxoffice.admission.in_flight", this.inFlight, AtomicInteger::get)
			.description("API requests in progress, those waiting on an outside provider left out")
			.register(meters);
		Gauge.builder("boxoffice.admission.outside", this.outside, AtomicInteger::get)
			.description("API requests waiting on an outside provider")
			.register(meters);
		Gauge.builder("boxoffice.admission.limit", this.limit, AdaptiveLimit::limit)
			.description("API requests of new work admitted at once (the adaptive limit)")
			.register(meters);
	}

	@Override
	public int getOrder() {
		// Before Spring Security's filter chain (-100).
		return -200;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		TrafficClass traffic = TrafficClass.of(exchange);
		if (traffic != TrafficClass.API && traffic != TrafficClass.TOKEN_ENDPOINTS) {
			return chain.filter(exchange);
		}
		PathContainer path = request.getPath().pathWithinApplication();
		String kind = kindOf(request, path);
		boolean started = kind.equals(PURCHASE_KIND) || isRelease(request, path);
		int bound = started ? this.maxInFlight : this.limit.limit();
		int now = this.inFlight.incrementAndGet();
		if (now > bound) {
			this.inFlight.decrementAndGet();
			this.rejections.increment();
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, "1");
			return this.problems.write(exchange,
					RequestProblems.busy("Too many requests in progress; try again in a moment.").problem(), headers);
		}
		Permit permit = new Permit(kind, started, now);
		// Released as the answer is committed — before the client can see it and send its
		// next request — or when the exchange ends without one, whichever comes first.
		exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(permit::release));
		return chain.filter(hasBody(request) ? withBodyDeadline(exchange) : exchange)
			.contextWrite((context) -> context.put(Permit.class, permit))
			.doFinally((signal) -> permit.release());
	}

	private static boolean hasBody(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

	/**
	 * The request's body must have arrived in full within {@code body-timeout} of the
	 * service starting to read it, or reading it fails (408, and the connection is
	 * closed): a request in progress holds a place in admission, and a client trickling
	 * its body a byte at a time would otherwise keep it. (The server's read timeout, the
	 * same length, cuts a body that stops arriving altogether, also where nothing reads
	 * it.) Each part of the body must come before what is left of the deadline; the timer
	 * is Reactor's, which forgets a cancelled one at once. Reactor Netty's own request
	 * timeout is not used: its timer outlived requests answered before their end was read
	 * (a refusal is), and at thousands of refusals a second those timers kept their
	 * connections on the heap until it was full (docs/performance.md).
	 */
	private ServerWebExchange withBodyDeadline(ServerWebExchange exchange) {
		long timeout = this.bodyTimeout.toNanos();
		ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
			@Override
			public Flux<DataBuffer> getBody() {
				Flux<DataBuffer> body = getDelegate().getBody();
				// From when the service starts reading it: the time the service spent
				// before (a token check waiting on Redis) is not the client's.
				return Flux.defer(() -> {
					long deadline = System.nanoTime() + timeout;
					return body.timeout(Mono.delay(left(deadline)), (part) -> Mono.delay(left(deadline)));
				})
					.onErrorMap(TimeoutException.class,
							(late) -> RequestProblems.bodyTooSlow(AdmissionControl.this.bodyTimeout));
			}
		};
		return exchange.mutate().request(request).build();
	}

	private static Duration left(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

	private static boolean isRelease(ServerHttpRequest request, PathContainer path) {
		return request.getMethod() == HttpMethod.DELETE && matches(HOLD_RELEASE, path);
	}

	/**
	 * What the adaptive limit compares a request's time with: "hold", "purchase", or its
	 * method and path with every segment holding a digit (an identifier) left out.
	 */
	static String kindOf(ServerHttpRequest request, PathContainer path) {
		if (request.getMethod() == HttpMethod.POST && matches(PURCHASE, path)) {
			return PURCHASE_KIND;
		}
		if (request.getMethod() == HttpMethod.POST && matches(HOLDS, path)) {
			return "hold";
		}
		StringBuilder kind = new StringBuilder(request.getMethod().name()).append(' ');
		int segments = 0;
		for (PathContainer.Element element : path.elements()) {
			if (element instanceof PathContainer.PathSegment segment && segments++ < 5) {
				String value = segment.valueToMatch();
				kind.append('/').append(value.chars().anyMatch(Character::isDigit) ? "*" : value);
			}
		}
		return kind.toString();
	}

	private static boolean matches(List<PathPattern> patterns, PathContainer path) {
		return patterns.stream().anyMatch((pattern) -> pattern.matches(path));
	}

	private static List<PathPattern> parse(String... patterns) {
		return List.of(patterns).stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	/**
	 * One admitted request: counted in progress until released, except while it waits on
	 * an outside provider; its own time is what the adaptive limit learns from.
	 */
	final class Permit {

		private final String kind;

		private final int inFlightAtStart;

		private final long started = System.nanoTime();

		/** A purchase or a release: it finishes work a granted hold began. */
		private final boolean startedWork;

		// Guarded by the permit itself: a request's signals may come on different
		// threads.
		private boolean released;

		private int parked;

		private long parkedSince;

		private long parkedNanos;

		private Permit(String kind, boolean startedWork, int inFlightAtStart) {
			this.kind = kind;
			this.startedWork = startedWork;
			this.inFlightAtStart = inFlightAtStart;
		}

		synchronized void park() {
			if (this.released || this.parked++ > 0) {
				return;
			}
			this.parkedSince = System.nanoTime();
			AdmissionControl.this.inFlight.decrementAndGet();
			AdmissionControl.this.outside.incrementAndGet();
		}

		synchronized void unpark() {
			if (this.parked == 0 || --this.parked > 0 || this.parkedSince == 0) {
				return;
			}
			this.parkedNanos += System.nanoTime() - this.parkedSince;
			this.parkedSince = 0;
			AdmissionControl.this.outside.decrementAndGet();
			if (!this.released) {
				// Back to the service's own work: counted again, never refused.
				AdmissionControl.this.inFlight.incrementAndGet();
			}
		}

		synchronized void release() {
			if (this.released) {
				return;
			}
			this.released = true;
			long now = System.nanoTime();
			if (this.parkedSince != 0) {
				// Answered while still waiting outside: not counted in progress now.
				this.parkedNanos += now - this.parkedSince;
				this.parkedSince = 0;
				AdmissionControl.this.outside.decrementAndGet();
			}
			else {
				AdmissionControl.this.inFlight.decrementAndGet();
			}
			AdmissionControl.this.limit.record(this.kind, this.startedWork, now - this.started - this.parkedNanos,
					this.inFlightAtStart, now);
		}

	}

}
